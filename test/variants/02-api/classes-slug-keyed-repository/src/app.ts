import express from 'express';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { requestId } from './http/request-id.js';
import { requestLogger } from './http/request-logger.js';
import { errorHandler, notFound } from './http/error-handler.js';
import { healthRoutes } from './health/health.routes.js';
import { ArticleRepository } from './articles/article.repository.js';
import { ArticleService } from './articles/article.service.js';
import { ArticlesController } from './articles/articles.controller.js';

/** What the app needs from the outside world. Passed in, never imported, so tests pass their own. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  /** The current time. Tests can freeze it; by default, the system clock. */
  clock?: () => Date;
}

/** Builds the Express app. It does not listen, read the environment or open connections. */
export function createApp({ logger, clock = () => new Date() }: AppDeps): express.Express {
  const app = express();
  // Don't advertise the framework and version to every scanner on the internet.
  app.disable('x-powered-by');

  app.use(requestId());
  app.use(requestLogger(logger));
  app.use(express.json({ limit: '100kb' }));

  app.use(healthRoutes(clock));

  // One store per app: two apps (two tests, two checks) never see each other's articles.
  const controller = new ArticlesController(new ArticleService(new ArticleRepository(), clock));
  app.use('/api', controller.router());

  app.use(notFound());
  app.use(errorHandler(logger));
  return app;
}
