import { Router, type RequestHandler } from 'express';
import type { Sequelize } from 'sequelize';
import type { Auth } from '../auth/middleware.js';
import { NotImplementedError } from '../http/errors.js';

/**
 * TODO(04-security): the users module, designed by you: registering (`POST /api/users`), logging
 * in (`POST /api/users/login`), the current user (`GET` and `PUT /api/user`), the user JSON, and
 * the rate limits on logins and registrations (docs/04-security.md, from "Registering" to
 * "Throttling logins"). Shape it as you like (the articles' routes, handlers and service are one
 * way); change this signature and its call in src/app.ts as you need.
 */
export function usersRoutes(db: Sequelize, clock: () => Date, auth: Auth): Router {
  void db;
  void clock;
  void auth;
  const router = Router();
  const todo: RequestHandler = (req) => {
    throw new NotImplementedError(`TODO(04-security) in src/users/users.routes.ts: ${req.method} /api${req.path}`);
  };
  router.post('/users', todo);
  router.post('/users/login', todo);
  router.get('/user', todo);
  router.put('/user', todo);
  return router;
}
