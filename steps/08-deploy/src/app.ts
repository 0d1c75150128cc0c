import express from 'express';
import compression from 'compression';
import helmet from 'helmet';
import type { Sequelize } from 'sequelize';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { corsPolicy } from './http/cors.js';
import { requestId } from './http/request-id.js';
import { requestLogger } from './http/request-logger.js';
import { errorHandler, notFound } from './http/error-handler.js';
import { healthRoutes } from './health/health.routes.js';
import { createAuth } from './auth/middleware.js';
import { CLIENT_LOGIN_LIMITS, createAttemptLimiter, LOGIN_LIMITS, REGISTRATION_LIMITS } from './auth/rate-limit.js';
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
import { createProfilesService } from './profiles/profiles.service.js';
import { profilesRoutes } from './profiles/profiles.routes.js';
import { docsRoutes } from './docs/docs.routes.js';
import { metricsRoutes } from './http/metrics.js';

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
  // Security headers on every answer, errors included: nosniff, a strict CSP, no framing, HSTS, …
  app.use(helmet());
  // gzip for answers over 1 KB when the client accepts it: a page of articles shrinks about five
  // times. Smaller ones go as they are: compressing them costs more CPU than it saves bytes.
  app.use(compression({ threshold: 1024 }));

  app.use(requestId());
  app.use(requestLogger(logger));
  // Before the body parser and the routes: a preflight is answered here, and every answer after it
  // (errors included: a 401 or a 422 the page must be able to read) carries the CORS headers.
  // A config without the list (an older step's) allows no cross-origin caller.
  app.use(corsPolicy(config.corsOrigins ?? []));
  // A body of 50,000 characters (docs/02-api.md#limits) is up to 200 kB of UTF-8, and 600 kB
  // written as \u escapes: Express's default of 100 kB would refuse some valid articles with a 413.
  app.use(express.json({ limit: '1mb' }));

  app.use(healthRoutes(clock));
  app.use(metricsRoutes());

  const tokens = createTokenService({ secret: config.jwtSecret, expiresIn: config.jwtExpiresIn });
  // Per app, like everything with state: each app (each check) counts its own attempts.
  const limits = {
    loginAttempts: createAttemptLimiter(LOGIN_LIMITS, clock),
    clientLogins: createAttemptLimiter(CLIENT_LOGIN_LIMITS, clock),
    registrations: createAttemptLimiter(REGISTRATION_LIMITS, clock),
  };
  const users = createUsersService({ db, clock, limits });
  const auth = createAuth({ tokens, findUser: (id) => users.findById(id) });

  const articles = createArticleRepository(db);
  app.use('/api', usersRoutes(users, tokens, auth));
  app.use('/api', profilesRoutes(createProfilesService(db, clock), auth));
  const tags = createTagsService(articles);
  app.use('/api', articlesRoutes(createArticlesService({ db, articles, clock, tagsChanged: tags.invalidate }), auth));
  app.use('/api', commentsRoutes(createCommentsService(db, clock), auth));
  app.use('/api', tagsRoutes(tags));
  // The OpenAPI document, made from the same zod schemas that validate the requests, and its page.
  app.use('/api', docsRoutes());

  app.use(notFound());
  app.use(errorHandler(logger));
  return app;
}
