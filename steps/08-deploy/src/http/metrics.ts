import { Router } from 'express';
import { NotImplementedError } from './errors.js';

/**
 * GET /metrics: the app's numbers in Prometheus's text format, for whoever holds METRICS_TOKEN.
 * docs/08-deploy.md#metrics
 */
export function metricsRoutes(): Router {
  const router = Router();
  router.get('/metrics', () => {
    throw new NotImplementedError('TODO(08-deploy) in src/http/metrics.ts: GET /metrics');
  });
  return router;
}
