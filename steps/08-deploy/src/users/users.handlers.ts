import type { Request, RequestHandler } from 'express';
import type { CurrentUser } from '../auth/current-user.js';
import type { TokenService } from '../auth/tokens.js';
import type { UserJson } from '../http/schemas.js';
import type { UsersService } from './users.service.js';

/**
 * The user as Conduit clients expect it (docs/conduit-api.md §4): these five keys, picked one by one.
 * Never `{ ...user }`: whatever is added to the user later would go out with it.
 */
export function userJson(user: CurrentUser, token: string): UserJson {
  return { email: user.email, token, username: user.username, bio: user.bio, image: user.image };
}

/** The user and token requireAuth put on the request. */
function authenticated(req: Request): { user: CurrentUser; token: string } {
  if (!req.user || !req.token) throw new Error(`${req.method} ${req.path} has no current user: is requireAuth on this route?`);
  return { user: req.user, token: req.token };
}

export function usersHandlers(users: UsersService, tokens: TokenService) {
  const register: RequestHandler = async (req, res) => {
    // req.ip is the socket's address; behind a proxy, set app.set('trust proxy', …) so it is the client's.
    const user = await users.register(req.body?.user, req.ip ?? 'unknown');
    // Registered means logged in: the answer carries a token.
    res.status(201).json({ user: userJson(user, tokens.issue(user)) });
  };

  const login: RequestHandler = async (req, res) => {
    // req.ip is the socket's address; behind a proxy, set app.set('trust proxy', …) so it is the client's.
    const user = await users.login(req.body?.user, req.ip ?? 'unknown');
    res.json({ user: userJson(user, tokens.issue(user)) });
  };

  // GET and PUT hand back the token that came: a fresh one on every call would let a stolen
  // token renew itself forever. Only a new password issues a new one, since it ends the old.
  const current: RequestHandler = async (req, res) => {
    const { user, token } = authenticated(req);
    res.json({ user: userJson(user, token) });
  };

  const update: RequestHandler = async (req, res) => {
    const { user, token } = authenticated(req);
    const updated = await users.update(user, req.body?.user);
    res.json({ user: userJson(updated, updated.tokenVersion === user.tokenVersion ? token : tokens.issue(updated)) });
  };

  return { register, login, current, update };
}
