import type { RequestHandler } from 'express';
import { NotImplementedError } from '../http/errors.js';
import type { CurrentUser } from './current-user.js';
import type { TokenService } from './tokens.js';

export interface Auth {
  /** For routes that need a user: 401 without a valid token. */
  requireAuth: RequestHandler;
  /** For routes anyone may call: sets req.user when a valid token came; a bad one is still a 401. */
  optionalAuth: RequestHandler;
}

export interface AuthDeps {
  tokens: TokenService;
  /** Loads the user on every request, so a deleted user or a changed role counts at once. */
  findUser(id: number): Promise<CurrentUser | undefined>;
}

export function createAuth({ tokens, findUser }: AuthDeps): Auth {
  return {
    // TODO(04-security): read the Authorization header: "Token <jwt>" (Conduit's scheme) or
    // "Bearer <jwt>". Verify the token (tokens.verify), load its user (findUser), and set
    // req.user and req.token before calling next(). No header, another scheme, a bad token, a
    // user who no longer exists, or a token whose version is not the user's tokenVersion any more
    // (issued before a password change): throw an UnauthorizedError (401).
    async requireAuth(req) {
      throw new NotImplementedError(`TODO(04-security) in src/auth/middleware.ts: requireAuth (${req.method} ${req.path})`);
    },

    // TODO(04-security): the same, except that a request without any Authorization header goes on
    // anonymously (req.user stays undefined). A header with a bad token is still a 401.
    async optionalAuth(_req, _res, next) {
      next();
    },
  };
}
