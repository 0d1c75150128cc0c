import express from 'express';
import helmet from 'helmet';
import type { Sequelize } from 'sequelize';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { requestId } from './http/request-id.js';
import { requestLogger } from './http/request-logger.js';
import { errorHandler, notFound } from './http/error-handler.js';
import { healthRoutes } from './health/health.routes.js';
import { createAuth } from './auth/middleware.js';
import { usersRoutes } from './users/users.routes.js';
import { createArticleRepository } from './articles/articles.repository.js';
import { createArticlesService } from './articles/articles.service.js';
import { articlesRoutes } from './articles/articles.routes.js';
import { createCommentsService } from './comments/comments.service.js';
import { commentsRoutes } from './comments/comments.routes.js';
import { createTagsService } from './tags/tags.service.js';
import { tagsRoutes } from './tags/tags.routes.js';

/** What the app needs from the outside world. Passed in, never imported, so tests pass their own. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  /** An open, migrated database (see src/db/index.ts). */
  db: Sequelize;
  /** The current time. Tests can freeze it; by default, the system clock. */
  clock?: () => Date;
}

/** Builds the Express app. It does not listen, read the environment or open connections. */
export function createApp({ config, logger, db, clock = () => new Date() }: AppDeps): express.Express {
  const app = express();
  // Don't advertise the framework and version to every scanner on the internet.
  app.disable('x-powered-by');
  // TODO(04-security): security headers on every answer, errors included (nosniff, a strict CSP,
  // no framing, HSTS, …): helmet() is one middleware, and it goes before everything else.

  app.use(requestId());
  app.use(requestLogger(logger));
  // A body of 50,000 characters (docs/02-api.md#limits) is up to 200 kB of UTF-8, and 600 kB
  // written as \u escapes: Express's default of 100 kB would refuse some valid articles with a 413.
  app.use(express.json({ limit: '1mb' }));

  app.use(healthRoutes(clock));

  // TODO(04-security): the users module (src/users/users.routes.ts), the tokens it issues and
  // requireAuth checks (signed with config.jwtSecret, valid for config.jwtExpiresIn), and the rate
  // limits, made here: per app, like everything with state, so each app (each check) counts its
  // own attempts, timed by `clock`.
  const auth = createAuth();

  const articles = createArticleRepository(db);
  app.use('/api', usersRoutes(db, clock, auth));
  app.use('/api', articlesRoutes(createArticlesService({ db, articles, clock }), auth));
  app.use('/api', commentsRoutes(createCommentsService(db, clock), auth));
  app.use('/api', tagsRoutes(createTagsService(articles)));

  app.use(notFound());
  app.use(errorHandler(logger));
  return app;
}
