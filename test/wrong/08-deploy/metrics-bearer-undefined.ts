import type { WrongSubmission } from '../types.js';

// No guard for the missing token: "Bearer undefined" is the expected header, and /metrics answers 401 instead of not existing.
export default {
  description: "without METRICS_TOKEN, /metrics compares the header with \"Bearer undefined\"",
  caughtBy: "without METRICS_TOKEN, /metrics answers 404, whatever Authorization is sent (metrics are not public by default), while the same server with METRICS_TOKEN serves them",
  edits: [
    { file: "src/http/metrics.ts", find: "    if (!token) throw new NotFoundError(`${req.method} ${req.path}`);\n", replace: "" },
  ],
} satisfies WrongSubmission;
