import type { Request, RequestHandler } from 'express';
import { UnauthorizedError } from '../http/errors.js';
import type { CurrentUser } from './current-user.js';
import type { TokenService } from './tokens.js';

export interface Auth {
  requireAuth: RequestHandler;
  optionalAuth: RequestHandler;
}

export interface AuthDeps {
  tokens: TokenService;
  /** Reads the user on every request: a deleted user, a new role or a new password count at once. */
  findUser(id: number): Promise<CurrentUser | undefined>;
}

const SCHEMES = new Set(['token', 'bearer']);

/**
 * The token of an Authorization header, or undefined when there is no header. The header is cut
 * at its whitespace: exactly a scheme (Token or Bearer, any case) and one credential.
 */
function credentialOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === '') return undefined;
  const parts = header.trim().split(/[ \t]+/);
  if (parts.length !== 2 || !SCHEMES.has(parts[0].toLowerCase())) {
    throw new UnauthorizedError({ token: ['must be sent as Authorization: Token <jwt>'] });
  }
  return parts[1];
}

export function createAuth({ tokens, findUser }: AuthDeps): Auth {
  async function who(req: Request): Promise<{ user: CurrentUser; token: string } | undefined> {
    const token = credentialOf(req);
    if (token === undefined) return undefined;
    const claims = await tokens.verify(token);
    const user = await findUser(claims.userId);
    if (!user) throw new UnauthorizedError({ token: ['is invalid'] });
    // Issued under another session key: the password changed since.
    if (user.sessionKey === null || user.sessionKey !== claims.sessionKey) throw new UnauthorizedError({ token: ['is no longer valid: log in again'] });
    return { user, token };
  }

  const requireAuth: RequestHandler = async (req, _res, next) => {
    const found = await who(req);
    if (!found) throw new UnauthorizedError({ token: ['is missing: send Authorization: Token <jwt>'] });
    Object.assign(req, found);
    next();
  };

  const optionalAuth: RequestHandler = async (req, _res, next) => {
    const found = await who(req);
    if (found) Object.assign(req, found);
    next();
  };

  return { requireAuth, optionalAuth };
}
