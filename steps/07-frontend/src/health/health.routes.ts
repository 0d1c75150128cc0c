import { Router } from 'express';

/** Liveness: the process is up and can answer. Step 08 adds readiness (the database too). */
export function healthRoutes(clock: () => Date): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', time: clock().toISOString() });
  });
  return router;
}
