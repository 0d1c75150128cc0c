import type { WrongSubmission } from '../types.js';

// startsWith instead of a comparison: the token with anything after it is accepted.
export default {
  description: "the metrics token is checked with startsWith",
  caughtBy: "with METRICS_TOKEN set, /metrics answers 401 with the Conduit error envelope without the token, with a wrong or truncated one, under another scheme, or in the URL, and 200 in the text format with Authorization: Bearer <token>",
  edits: [
    { file: "src/http/metrics.ts", find: "    if (!sameToken(req.get('Authorization') ?? '', `Bearer ${token}`)) {", replace: "    if (!(req.get('Authorization') ?? '').startsWith(`Bearer ${token}`)) {" },
  ],
} satisfies WrongSubmission;
