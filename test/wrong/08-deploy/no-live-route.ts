import type { WrongSubmission } from '../types.js';

// Liveness under another name than the one the orchestrator asks.
export default {
  description: "the liveness route is /health/alive instead of /health/live",
  caughtBy: "GET /health/live answers 200 {\"status\":\"ok\"}, GET /health/ready answers 200 {\"status\":\"ready\",\"checks\":{\"database\":\"ok\"}}, and GET /health still answers 200",
  edits: [
    { file: "src/health/health.routes.ts", find: "  router.get('/health/live', (_req, res) => {", replace: "  router.get('/health/alive', (_req, res) => {" },
  ],
} satisfies WrongSubmission;
