import express from 'express';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { requestId } from './http/request-id.js';
import { requestLogger } from './http/request-logger.js';
import { errorHandler, notFound } from './http/error-handler.js';
import { healthRoutes } from './health/health.routes.js';
import { createArticleStore } from './articles/articles.store.js';
import { createArticlesService } from './articles/articles.service.js';
import { articlesRoutes } from './articles/articles.routes.js';
import { createTagsService } from './tags/tags.service.js';
import { tagsRoutes } from './tags/tags.routes.js';

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
  // A body of 50,000 characters (docs/02-api.md#limits) is up to 200 kB of UTF-8, and 600 kB
  // written as \u escapes: Express's default of 100 kB would refuse some valid articles with a 413.
  app.use(express.json({ limit: '1mb' }));

  app.use(healthRoutes(clock));

  // One store per app: two apps (two tests, two checks) never see each other's articles.
  const articleStore = createArticleStore();
  app.use('/api', articlesRoutes(createArticlesService({ store: articleStore, clock })));
  app.use('/api', tagsRoutes(createTagsService(articleStore)));

  app.use(notFound());
  app.use(errorHandler(logger));
  return app;
}
