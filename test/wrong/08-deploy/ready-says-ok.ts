import type { WrongSubmission } from '../types.js';

// Readiness answers like liveness: {"status":"ok"} instead of "ready".
export default {
  description: "GET /health/ready answers {\"status\":\"ok\"} when ready",
  caughtBy: "GET /health/live answers 200 {\"status\":\"ok\"}, GET /health/ready answers 200 {\"status\":\"ready\",\"checks\":{\"database\":\"ok\"}}, and GET /health still answers 200",
  edits: [
    { file: "src/health/health.routes.ts", find: "res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks });", replace: "res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', checks });" },
  ],
} satisfies WrongSubmission;
