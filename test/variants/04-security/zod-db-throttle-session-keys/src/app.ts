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
import { createLimits } from './auth/limits.js';
import { createTokenService } from './auth/tokens.js';
import { createUsersService } from './users/users.service.js';
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
  // Security headers on every answer, errors included. An API answers JSON only, so its CSP can
  // forbid everything; framing is refused twice (frame-ancestors and X-Frame-Options: DENY).
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );

  app.use(requestId());
  app.use(requestLogger(logger));
  app.use(express.json({ limit: '100kb' }));

  app.use(healthRoutes(clock));

  const tokens = createTokenService({ secret: config.jwtSecret, expiresIn: config.jwtExpiresIn });
  // The counters live in the database (login_limits), under a scope drawn for this app alone.
  const limits = createLimits(db, clock);
  const users = createUsersService({ db, clock, limits });
  const auth = createAuth({ tokens, findUser: (id) => users.findById(id) });

  const articles = createArticleRepository(db);
  app.use('/api', usersRoutes(users, tokens, auth));
  app.use('/api', articlesRoutes(createArticlesService({ db, articles, clock }), auth));
  app.use('/api', commentsRoutes(createCommentsService(db, clock), auth));
  app.use('/api', tagsRoutes(createTagsService(articles)));

  app.use(notFound());
  app.use(errorHandler(logger));
  return app;
}
