import type { WrongSubmission } from '../types.js';

// "Prometheus can't send headers" (it can): the token accepted in the URL, where proxies and logs keep it.
export default {
  description: "the metrics token is also accepted as ?token= in the URL",
  caughtBy: "with METRICS_TOKEN set, /metrics answers 401 with the Conduit error envelope without the token, with a wrong or truncated one, under another scheme, or in the URL, and 200 in the text format with Authorization: Bearer <token>",
  edits: [
    { file: "src/http/metrics.ts", find: "    if (!sameToken(req.get('Authorization') ?? '', `Bearer ${token}`)) {", replace: "    if (req.query.token !== token && !sameToken(req.get('Authorization') ?? '', `Bearer ${token}`)) {" },
  ],
} satisfies WrongSubmission;
