import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

export interface AppDeps {
  config: Config;
  logger: Logger;
  clock?: () => Date;
}

const ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const idOf = (res: Response): string => String(res.getHeader('X-Request-Id'));

type Failure = { status: number; errors: Record<string, string[]> };

/** An answer the app chose (404), or one of express.json()'s refusals: both carry a 4xx status. */
function clientFailure(err: unknown): Failure | undefined {
  if (err === null || typeof err !== 'object') return undefined;
  const e = err as { status?: unknown; statusCode?: unknown; type?: unknown; errors?: unknown; expose?: unknown };
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined || status < 400 || status > 499) return undefined;
  if (e.errors && typeof e.errors === 'object') return { status, errors: e.errors as Record<string, string[]> };
  if (typeof e.type === 'string' || e.expose === true) return { status, errors: { body: [e.type === 'entity.parse.failed' ? 'is not valid JSON' : 'could not be read'] } };
  return undefined;
}

export function createApp({ logger, clock }: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');

  app.use((req, res, next) => {
    const incoming = req.headers['x-request-id'];
    res.setHeader('X-Request-Id', typeof incoming === 'string' && ID.test(incoming) ? incoming : randomUUID());
    const start = process.hrtime();
    res.on('close', () => {
      const [s, ns] = process.hrtime(start);
      const ms = (s * 1e3 + ns / 1e6).toFixed(1);
      logger.info(`${req.method} ${req.originalUrl} ${res.statusCode} ${ms} ms`, { requestId: idOf(res) });
    });
    next();
  });
  app.use(express.json());

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', time: (clock ? clock() : new Date()).toISOString() });
  });

  app.use((req, _res, next) => {
    next(Object.assign(new Error('no route'), { status: 404, errors: { [`${req.method} ${req.path}`]: ['not found'] } }));
  });

  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const failure = clientFailure(err);
    if (failure) {
      res.status(failure.status).json({ errors: failure.errors });
      return;
    }
    logger.error('unhandled', { requestId: idOf(res), method: req.method, url: req.originalUrl, error: err instanceof Error ? `${err.stack}` : err });
    res.status(500).json({ errors: { server: [`Something broke. Quote ${idOf(res)} when you report it.`] } });
  });
  return app;
}
