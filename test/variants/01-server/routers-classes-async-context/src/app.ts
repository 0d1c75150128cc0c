import express from 'express';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { requestContext } from './http/context.js';
import { accessLog } from './http/access-log.js';
import { handleErrors, unmatched } from './http/failures.js';
import { statusRouter } from './routes/status.js';

export interface AppDeps {
  config: Config;
  logger: Logger;
  clock?: () => Date;
}

export function createApp(deps: AppDeps): express.Express {
  const now = deps.clock ?? (() => new Date());
  const app = express();
  app.set('x-powered-by', false);
  app.use(requestContext());
  app.use(accessLog(deps.logger));
  app.use(express.json());
  app.use(statusRouter(now));
  app.use(unmatched);
  app.use(handleErrors(deps.logger));
  return app;
}
