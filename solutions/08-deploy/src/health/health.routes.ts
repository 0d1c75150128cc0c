import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { answerWithin, DEPENDENCY_TIMEOUT_MS, type RedisConnection } from '../redis.js';

declare global {
  namespace Express {
    interface Locals {
      /** Set by server.ts when a shutdown starts: readiness answers 503 from then on. */
      shuttingDown?: boolean;
    }
  }
}

export interface HealthDeps {
  clock: () => Date;
  db?: Sequelize;
  redis?: RedisConnection;
}

type Verdict = 'ok' | 'unavailable';

/** Runs one probe: 'ok' when it answers within the timeout, 'unavailable' otherwise, never a throw. */
async function probe(what: string, work: () => Promise<unknown>): Promise<Verdict> {
  try {
    await answerWithin(work(), DEPENDENCY_TIMEOUT_MS, what);
    return 'ok';
  } catch {
    return 'unavailable';
  }
}

/**
 * Liveness and readiness (docs/08-deploy.md#health-checks):
 * - GET /health/live (and /health, step 01's): the process answers. Nothing else is consulted, so an
 *   orchestrator never restarts a healthy process because the database had a bad minute.
 * - GET /health/ready: this instance can serve traffic now (the database and Redis answer). A load
 *   balancer sends requests only to ready instances; a 503 takes this one out of the rotation
 *   until it is ready again. Asked afresh every time: no verdict outlives the request.
 */
export function healthRoutes({ clock, db, redis }: HealthDeps): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', time: clock().toISOString() });
  });
  router.get('/health/live', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/health/ready', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    if (req.app.locals.shuttingDown) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    const [database, cache] = await Promise.all([
      db ? probe('the database', () => db.query('SELECT 1')) : Promise.resolve<Verdict>('ok'),
      redis ? probe('Redis', () => redis.sendCommand(['PING'], { timeout: DEPENDENCY_TIMEOUT_MS })) : undefined,
    ]);
    const checks = cache === undefined ? { database } : { database, redis: cache };
    // Which dependency, never why: error texts name hosts, users and versions.
    const ready = Object.values(checks).every((v) => v === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks });
  });
  return router;
}
