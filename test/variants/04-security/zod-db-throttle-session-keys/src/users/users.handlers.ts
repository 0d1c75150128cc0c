import type { Request, RequestHandler } from 'express';
import type { CurrentUser } from '../auth/current-user.js';
import type { TokenService } from '../auth/tokens.js';
import type { UsersService } from './users.service.js';

/** The five keys of a Conduit user, picked one by one. */
export function userJson(user: CurrentUser, token: string) {
  return { email: user.email, token, username: user.username, bio: user.bio, image: user.image };
}

function signedIn(req: Request): { user: CurrentUser; token: string } {
  if (!req.user || !req.token) throw new Error(`${req.method} ${req.path} has no current user: is requireAuth on this route?`);
  return { user: req.user, token: req.token };
}

export function usersHandlers(users: UsersService, tokens: TokenService) {
  const client = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';
  return {
    register: (async (req, res) => {
      const user = await users.register(req.body?.user, client(req));
      res.status(201).json({ user: userJson(user, tokens.issue(user)) });
    }) as RequestHandler,
    login: (async (req, res) => {
      const user = await users.login(req.body?.user, client(req));
      res.json({ user: userJson(user, tokens.issue(user)) });
    }) as RequestHandler,
    current: (async (req, res) => {
      const { user, token } = signedIn(req);
      res.json({ user: userJson(user, token) });
    }) as RequestHandler,
    update: (async (req, res) => {
      const { user, token } = signedIn(req);
      const updated = await users.update(user, req.body?.user);
      // The same token back, unless the password changed: then the old one is dead and a new one is due.
      res.json({ user: userJson(updated, updated.sessionKey === user.sessionKey ? token : tokens.issue(updated)) });
    }) as RequestHandler,
  };
}
