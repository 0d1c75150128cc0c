import type { RequestHandler } from 'express';

/** The methods and request headers a page on an allowed origin may use after its preflight. */
export const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'] as const;
export const CORS_REQUEST_HEADERS = ['Authorization', 'Content-Type', 'X-Requested-With', 'If-None-Match'] as const;
/** The response headers a page's code may read, beyond the handful browsers always show it. */
export const CORS_EXPOSED_HEADERS = ['ETag', 'Retry-After', 'X-Request-Id'] as const;
/** Seconds a browser may keep a preflight's answer. */
export const CORS_MAX_AGE = 600;

/**
 * CORS written by hand, no package: an allow-list of exact origins, compared as strings.
 *
 * Every answer says `Vary: Origin`. An Origin on the list gets `Access-Control-Allow-Origin` with
 * that very origin and the exposed headers, on whatever the routes answer later (errors too); its
 * preflight is answered here with 204, before the body parser and authentication ever run. Any
 * other Origin gets nothing that starts with Access-Control-, and its preflight an empty 204: the
 * browser reads the missing headers as "no". No credentials mode: Conduit's token is a header.
 */
export function corsPolicy(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  const methods = CORS_METHODS.join(',');
  const requestHeaders = CORS_REQUEST_HEADERS.join(',');
  const exposed = CORS_EXPOSED_HEADERS.join(',');

  return function cors(req, res, next) {
    res.vary('Origin');
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;

    if (typeof origin !== 'string' || !allowed.has(origin)) {
      if (preflight) {
        res.status(204).end();
        return;
      }
      next();
      return;
    }

    res.setHeader('Access-Control-Allow-Origin', origin);
    if (!preflight) {
      res.setHeader('Access-Control-Expose-Headers', exposed);
      next();
      return;
    }
    res.setHeader('Access-Control-Allow-Methods', methods);
    res.setHeader('Access-Control-Allow-Headers', requestHeaders);
    res.setHeader('Access-Control-Max-Age', String(CORS_MAX_AGE));
    // Some caches vary preflights on what was asked, too.
    res.vary('Access-Control-Request-Method');
    res.vary('Access-Control-Request-Headers');
    res.setHeader('Content-Length', '0');
    res.status(204).end();
  };
}
