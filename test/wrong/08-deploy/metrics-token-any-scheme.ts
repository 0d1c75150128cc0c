import type { WrongSubmission } from '../types.js';

export default {
  description: "/metrics reads its token with the API's own pattern for Authorization (Token or Bearer, or no scheme at all), so `Token <METRICS_TOKEN>` and the bare token open it too",
  caughtBy: 'with METRICS_TOKEN set, /metrics answers 401 with the Conduit error envelope without the token, with a wrong or truncated one, under another scheme, or in the URL, and 200 in the text format with Authorization: Bearer <token>',
  edits: [
    {
      file: 'src/http/metrics.ts',
      find: "if (!sameToken(req.get('Authorization') ?? '', `Bearer ${token}`)) {",
      replace: "if (!sameToken((req.get('Authorization') ?? '').replace(/^(?:Token|Bearer) +/i, ''), token)) {",
    },
  ],
} satisfies WrongSubmission;
