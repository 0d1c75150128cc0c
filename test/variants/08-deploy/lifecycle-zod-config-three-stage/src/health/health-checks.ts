import { Router, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import { answerWithin, DEPENDENCY_TIMEOUT_MS, type RedisConnection } from '../redis.js';

declare global {
  namespace Express {
    interface Locals {
      /** Set by the shutdown (src/lifecycle.ts): readiness answers 503 from then on. */
      shuttingDown?: boolean;
    }
  }
}

type Verdict = 'ok' | 'unavailable';
type Probe = () => Promise<unknown>;

/**
 * The dependencies this instance needs to serve a request, each asked afresh on every readiness
 * probe within DEPENDENCY_TIMEOUT_MS. No verdict is remembered: a database back after a bad
 * minute makes the next probe ready again.
 */
export class HealthChecks {
  private readonly probes = new Map<string, Probe>();

  constructor({ db, redis }: { db?: Sequelize; redis?: RedisConnection }) {
    if (db) this.probes.set('database', () => db.query('SELECT 1'));
    else this.probes.set('database', async () => undefined);
    if (redis) this.probes.set('redis', () => redis.sendCommand(['PING'], { timeout: DEPENDENCY_TIMEOUT_MS }));
  }

  /** Each dependency's verdict: which one, never why (error texts name hosts and users). */
  async verdicts(): Promise<Record<string, Verdict>> {
    const entries = await Promise.all(
      [...this.probes].map(async ([name, probe]) => {
        try {
          await answerWithin(probe(), DEPENDENCY_TIMEOUT_MS, name);
          return [name, 'ok'] as const;
        } catch {
          return [name, 'unavailable'] as const;
        }
      }),
    );
    return Object.fromEntries(entries);
  }

  async ready(): Promise<{ ready: boolean; checks: Record<string, Verdict> }> {
    const checks = await this.verdicts();
    return { ready: Object.values(checks).every((v) => v === 'ok'), checks };
  }
}

/**
 * GET /health (step 01's), GET /health/live (the process answers; nothing consulted, so the
 * orchestrator never restarts a healthy process over a database's bad minute) and
 * GET /health/ready (this instance may get traffic now).
 */
export function healthRouter(health: HealthChecks, clock: () => Date): Router {
  const router = Router();
  const noStore = (res: Response) => res.set('Cache-Control', 'no-store');
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', time: clock().toISOString() });
  });
  router.get('/health/live', (_req, res) => {
    noStore(res).json({ status: 'ok' });
  });
  router.get('/health/ready', async (req: Request, res) => {
    noStore(res);
    if (req.app.locals.shuttingDown) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    const { ready, checks } = await health.ready();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks });
  });
  return router;
}
