import { Router } from 'express';
import type { Auth } from '../auth/middleware.js';
import type { AttemptLimiter } from '../auth/rate-limit.js';
import { loginThrottle, registrationThrottle } from '../auth/throttle.js';
import type { TokenService } from '../auth/tokens.js';
import { usersHandlers } from './users.handlers.js';
import type { UsersService } from './users.service.js';

export interface UserLimiters {
  loginAttempts: AttemptLimiter;
  clientLogins: AttemptLimiter;
  registrations: AttemptLimiter;
}

/** Mounted at /api/users: registration and login, each behind its limit. */
export function accountsRouter(users: UsersService, tokens: TokenService, limits: UserLimiters): Router {
  const router = Router();
  const handlers = usersHandlers(users, tokens);
  router.post('/', registrationThrottle(limits.registrations), handlers.register);
  router.post('/login', loginThrottle(limits.loginAttempts, limits.clientLogins), handlers.login);
  return router;
}

/** Mounted at /api/user: the current user. */
export function currentUserRouter(users: UsersService, tokens: TokenService, { requireAuth }: Auth): Router {
  const router = Router();
  const handlers = usersHandlers(users, tokens);
  router.get('/', requireAuth, handlers.current);
  router.put('/', requireAuth, handlers.update);
  return router;
}
