import { Router } from 'express';
import type { Auth } from '../auth/middleware.js';
import type { TokenService } from '../auth/tokens.js';
import { usersHandlers } from './users.handlers.js';
import type { UsersService } from './users.service.js';

/** Registration, login and the current user. Mounted under /api by createApp. */
export function usersRoutes(users: UsersService, tokens: TokenService, { requireAuth }: Auth): Router {
  const router = Router();
  const handlers = usersHandlers(users, tokens);
  router.post('/users', handlers.register);
  router.post('/users/login', handlers.login);
  router.get('/user', requireAuth, handlers.current);
  router.put('/user', requireAuth, handlers.update);
  return router;
}
