import cors from 'cors';
import type { RequestHandler } from 'express';

/** What a page on an allowed origin may send, beyond what browsers allow without asking. */
export const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'] as const;
export const CORS_REQUEST_HEADERS = ['Authorization', 'Content-Type', 'X-Requested-With', 'X-Request-Id', 'If-None-Match'] as const;
/** Response headers a page may read besides the basic ones: caching, when to retry, which request it was. */
export const CORS_EXPOSED_HEADERS = ['ETag', 'Retry-After', 'X-Request-Id'] as const;
/** How long a browser may reuse a preflight's answer, in seconds. */
export const CORS_MAX_AGE = 600;

/**
 * CORS with an allow-list (config.corsOrigins, from CORS_ORIGINS).
 *
 * - A request from an allowed origin gets `Access-Control-Allow-Origin: <that origin>`, never `*`,
 *   so the list is the whole truth; a preflight (OPTIONS with Access-Control-Request-Method) is
 *   answered here, 204, before authentication or routing.
 * - No Access-Control-Allow-Credentials: Conduit authenticates with the Authorization header, which
 *   a page sets itself, not with cookies a browser would attach on its own.
 * - Any other origin gets no Access-Control-* header at all, and the browser keeps the answer from
 *   the page; its preflight is answered 204 with nothing in it. The request itself still runs as it
 *   would without CORS: a browser's same-origin POST carries an Origin too, and must work.
 * - `Vary: Origin` on every answer: the headers depend on the Origin, so a cache must not hand
 *   one origin's answer to another.
 * Requests without an Origin (curl, servers, same-origin GETs) are served as before.
 */
export function corsPolicy(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  const forAllowed = cors({
    origin: true, // reflect the request's Origin: only called for origins on the list, below
    methods: [...CORS_METHODS],
    allowedHeaders: [...CORS_REQUEST_HEADERS],
    exposedHeaders: [...CORS_EXPOSED_HEADERS],
    maxAge: CORS_MAX_AGE,
    credentials: false,
    optionsSuccessStatus: 204,
  });
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.get('Origin');
    if (origin === undefined) return next();
    if (allowed.has(origin)) return forAllowed(req, res, next);
    if (req.method === 'OPTIONS' && req.get('Access-Control-Request-Method') !== undefined) {
      // A preflight from elsewhere: "no" is an answer without the headers that would say "yes".
      res.status(204).end();
      return;
    }
    next();
  };
}
