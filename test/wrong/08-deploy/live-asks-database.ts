import type { WrongSubmission } from '../types.js';

// Liveness that asks the database makes the orchestrator restart every instance when the database has a bad minute.
export default {
  description: "GET /health/live runs SELECT 1 and answers 503 when it fails",
  caughtBy: "/health/ready asks the database on every probe: 503 with checks.database \"unavailable\" while its queries fail or hang (within the probe's 1 s, with no host, port or error text in the body), 200 again as soon as it answers, and /health/live stays 200 throughout (on MySQL also through a connection the check cuts)",
  edits: [
    { file: "src/health/health.routes.ts", find: "  router.get('/health/live', (_req, res) => {\n    res.set('Cache-Control', 'no-store').json({ status: 'ok' });", replace: "  router.get('/health/live', async (_req, res) => {\n    const alive = db ? await probe('the database', () => db.query('SELECT 1')) : 'ok';\n    res.set('Cache-Control', 'no-store').status(alive === 'ok' ? 200 : 503).json({ status: alive });" },
  ],
} satisfies WrongSubmission;
