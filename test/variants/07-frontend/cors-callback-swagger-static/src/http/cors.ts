import cors, { type CorsOptions } from 'cors';
import type { RequestHandler } from 'express';

/** Response headers a page may read besides the basic ones. */
export const CORS_EXPOSED_HEADERS = ['ETag', 'Retry-After', 'X-Request-Id'] as const;

/**
 * The cors package, with the allow-list checked by its `origin` callback: an Origin in the list is
 * sent back as it came (never `*`, no credentials); for any other, or none, the callback says
 * `false` and the package steps aside without adding a single header, so the request goes on as
 * without CORS (a stranger's preflight reaches the router, which answers it without any
 * Access-Control-* header, and the browser reads that as "no").
 *
 * `Vary: Origin` is set on every answer before the package runs: the package only adds it when it
 * allows an origin, and an answer given without the header must not be cached for everyone.
 */
export function corsPolicy(origins: readonly string[]): RequestHandler[] {
  const allowList = new Set(origins);
  const options: CorsOptions = {
    origin(origin, callback) {
      callback(null, origin !== undefined && allowList.has(origin) ? origin : false);
    },
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Requested-With'],
    exposedHeaders: [...CORS_EXPOSED_HEADERS],
    maxAge: 600,
    // Answered here, before the body parser and authentication: a preflight never carries the token.
    preflightContinue: false,
    optionsSuccessStatus: 204,
  };
  const varyOnOrigin: RequestHandler = (_req, res, next) => {
    res.vary('Origin');
    next();
  };
  return [varyOnOrigin, cors(options)];
}
