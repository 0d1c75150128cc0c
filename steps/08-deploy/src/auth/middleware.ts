import type { Request, RequestHandler } from 'express';
import { UnauthorizedError } from '../http/errors.js';
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

/** `Token <jwt>` is Conduit's scheme; `Bearer <jwt>` is everyone else's. Both are accepted. */
const SCHEME = /^(?:Token|Bearer) +(\S+)$/i;

export function createAuth({ tokens, findUser }: AuthDeps): Auth {
  /** The user and token a request carries; undefined when it carries no Authorization at all. */
  async function identify(req: Request): Promise<{ user: CurrentUser; token: string } | undefined> {
    const header = req.get('Authorization');
    if (header === undefined || header.trim() === '') return undefined;
    const match = SCHEME.exec(header.trim());
    if (!match) throw new UnauthorizedError({ token: ['must be sent as Authorization: Token <jwt>'] });
    const token = match[1];
    const { userId, tokenVersion } = tokens.verify(token);
    const user = await findUser(userId);
    // A valid signature for a user who no longer exists.
    if (!user) throw new UnauthorizedError({ token: ['is invalid'] });
    // Issued before the password changed: whoever held it then (a thief too) holds nothing now.
    if (user.tokenVersion !== tokenVersion) throw new UnauthorizedError({ token: ['is no longer valid: log in again'] });
    return { user, token };
  }

  return {
    async requireAuth(req, _res, next) {
      const found = await identify(req);
      if (!found) throw new UnauthorizedError({ token: ['is missing: send Authorization: Token <jwt>'] });
      req.user = found.user;
      req.token = found.token;
      next();
    },

    async optionalAuth(req, _res, next) {
      const found = await identify(req);
      req.user = found?.user;
      req.token = found?.token;
      next();
    },
  };
}
