import type { WrongSubmission } from '../types.js';

// /metrics open to anyone until someone thinks of setting a token.
export default {
  description: "without METRICS_TOKEN, /metrics is served to everyone",
  caughtBy: "without METRICS_TOKEN, /metrics answers 404, whatever Authorization is sent (metrics are not public by default), while the same server with METRICS_TOKEN serves them",
  edits: [
    { file: "src/http/metrics.ts", find: "    if (!token) throw new NotFoundError(`${req.method} ${req.path}`);\n    if (!sameToken(req.get('Authorization') ?? '', `Bearer ${token}`)) {", replace: "    if (token && !sameToken(req.get('Authorization') ?? '', `Bearer ${token}`)) {" },
  ],
} satisfies WrongSubmission;
