import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { UnauthorizedError } from '../http/errors.js';
import type { CurrentUser } from './current-user.js';
import type { TokenService } from './tokens.js';

export interface Auth {
  requireAuth: RequestHandler;
  optionalAuth: RequestHandler;
}

type FindUser = (id: number) => Promise<CurrentUser | undefined>;

const SCHEMES = new Set(['token', 'bearer']);

/** Reads `Authorization: Token|Bearer <jwt>`, verifies it and loads the user on every request. */
export class Authenticator implements Auth {
  constructor(
    private readonly tokens: TokenService,
    private readonly findUser: FindUser,
  ) {}

  /** Bound arrow properties: routes destructure them. */
  readonly requireAuth = async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const found = await this.identify(req);
    if (!found) throw new UnauthorizedError({ token: ['is missing'] });
    [req.user, req.token] = found;
    next();
  };

  readonly optionalAuth = async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const found = await this.identify(req);
    if (found) [req.user, req.token] = found;
    next();
  };

  private async identify(req: Request): Promise<[CurrentUser, string] | undefined> {
    const header = req.headers.authorization;
    if (!header || !header.trim()) return undefined;
    const parts = header.trim().split(/\s+/);
    if (parts.length !== 2 || !SCHEMES.has(parts[0].toLowerCase())) throw new UnauthorizedError({ token: ['must be sent as Authorization: Token <jwt>'] });
    const token = parts[1];
    const claims = this.tokens.verify(token);
    const user = await this.findUser(claims.userId);
    if (!user || user.tokenVersion !== claims.tokenVersion) throw new UnauthorizedError({ token: ['is no longer valid'] });
    return [user, token];
  }
}
