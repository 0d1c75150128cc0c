import type { RequestHandler } from 'express';
import { TooManyRequestsError } from '../http/errors.js';
import type { AttemptLimiter } from './rate-limit.js';

const clientOf = (ip: string | undefined): string => ip ?? 'unknown';

/**
 * In front of POST /api/users/login. The attempt is taken here, synchronously, before the handler
 * (and its bcrypt) runs; the answer settles it: 200 forgets the email's failures and gives the
 * client's attempt back, a 401 keeps both counted, anything else (a 422) gives both back.
 */
export function loginThrottle(perEmail: AttemptLimiter, perClient: AttemptLimiter): RequestHandler {
  return (req, res, next) => {
    const client = clientOf(req.ip);
    const email: unknown = req.body?.user?.email;
    const key = `${client}|${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
    const clientWait = perClient.take(client);
    if (clientWait > 0) return next(new TooManyRequestsError(clientWait));
    const wait = perEmail.take(key);
    if (wait > 0) {
      perClient.giveBack(client);
      return next(new TooManyRequestsError(wait));
    }
    const json = res.json.bind(res);
    let settled = false;
    res.json = (body: unknown) => {
      if (!settled) {
        settled = true;
        if (res.statusCode === 200) {
          perEmail.reset(key);
          perClient.giveBack(client);
        } else if (res.statusCode !== 401) {
          perEmail.giveBack(key);
          perClient.giveBack(client);
        }
      }
      return json(body);
    };
    next();
  };
}

/** In front of POST /api/users: every registration counts, whatever comes of it. */
export function registrationThrottle(limiter: AttemptLimiter): RequestHandler {
  return (req, _res, next) => {
    const wait = limiter.take(clientOf(req.ip));
    if (wait > 0) return next(new TooManyRequestsError(wait, { registration: ['too many accounts from this address; try again later'] }));
    next();
  };
}
