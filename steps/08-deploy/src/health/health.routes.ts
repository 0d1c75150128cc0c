import { Router } from 'express';
import { NotImplementedError } from '../http/errors.js';

/**
 * Liveness: the process is up and can answer. Readiness: it can serve traffic right now (its
 * database, and Redis when it has one, answer). docs/08-deploy.md#health-checks
 */
export function healthRoutes(clock: () => Date): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', time: clock().toISOString() });
  });
  router.get('/health/live', () => {
    throw new NotImplementedError('TODO(08-deploy) in src/health/health.routes.ts: GET /health/live');
  });
  router.get('/health/ready', () => {
    throw new NotImplementedError('TODO(08-deploy) in src/health/health.routes.ts: GET /health/ready');
  });
  return router;
}
