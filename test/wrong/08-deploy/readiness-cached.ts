import type { WrongSubmission } from '../types.js';

// "Probes are frequent, cache the result": a verdict 30 s old keeps a dead instance in the rotation.
export default {
  description: "GET /health/ready caches its verdict for 30 seconds",
  caughtBy: "with REDIS_URL set, /health/ready follows Redis: 503 with checks.redis \"unavailable\" while Redis cannot be reached or holds its answer past the probe's 1 s, 200 again when it is back, in the same process, while /health/live and the API that does not need Redis go on answering",
  edits: [
    { file: "src/health/health.routes.ts", find: "  router.get('/health/ready', async (req, res) => {\n", replace: "  let cached: { at: number; status: number; body: unknown } | undefined;\n  router.get('/health/ready', async (req, res) => {\n    if (cached && Date.now() - cached.at < 30_000) {\n      res.status(cached.status).json(cached.body);\n      return;\n    }\n" },
    { file: "src/health/health.routes.ts", find: "    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks });", replace: "    const body = { status: ready ? 'ready' : 'unavailable', checks };\n    cached = { at: Date.now(), status: ready ? 200 : 503, body };\n    res.status(ready ? 200 : 503).json(body);" },
  ],
} satisfies WrongSubmission;
