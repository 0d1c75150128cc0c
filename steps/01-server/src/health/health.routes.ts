import { Router } from 'express';

/** Liveness: the process is up and can answer. Step 08 adds readiness (the database too). */
export function healthRoutes(clock: () => Date): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    // TODO(01-server): answer 200 with { status: 'ok', time } where time is clock().toISOString()
    // (the injected clock, not new Date(): the checks freeze it).
    res.status(501).json({ errors: { health: ['not implemented: TODO(01-server) in src/health/health.routes.ts'] } });
  });
  return router;
}
