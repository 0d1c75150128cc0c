import { Router } from 'express';
import type { Auth } from '../auth/middleware.js';
import type { TokenService } from '../auth/tokens.js';
import { usersHandlers } from './users.handlers.js';
import type { UsersService } from './users.service.js';

/** /api/users: registering and logging in, for anyone. */
export function accountsRoutes(users: UsersService, tokens: TokenService): Router {
  const router = Router();
  const handlers = usersHandlers(users, tokens);
  router.post('/', handlers.register);
  router.post('/login', handlers.login);
  return router;
}

/** /api/user: the signed-in user, who must be signed in. */
export function currentUserRoutes(users: UsersService, tokens: TokenService, { requireAuth }: Auth): Router {
  const router = Router();
  const handlers = usersHandlers(users, tokens);
  router.get('/', requireAuth, handlers.current);
  router.put('/', requireAuth, handlers.update);
  return router;
}
