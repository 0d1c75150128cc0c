import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { BadRequestError, HttpError, NotFoundError } from './errors.js';

/** Registered after every route: nothing matched, so answer 404 in the Conduit envelope. */
export function notFound(): RequestHandler {
  return (req, _res, next) => {
    next(new NotFoundError(`${req.method} ${req.path}`));
  };
}

/** express.json() flags bad bodies with a status and a type; the client sent them, so 4xx. */
function fromBodyParser(err: unknown): HttpError | undefined {
  const e = err as { type?: string; status?: number };
  // The router flags a URL it cannot decode (/api/articles/%E0%A4%A) the same way: status 400.
  if (err instanceof URIError && e.status === 400) return new BadRequestError({ url: ['could not be decoded'] });
  if (e?.type === 'entity.parse.failed') return new BadRequestError({ body: ['is not valid JSON'] });
  if (e?.type === 'entity.too.large') return new HttpError(413, { body: ['is too large'] });
  if (typeof e?.type === 'string' && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return new HttpError(e.status, { body: ['could not be read'] });
  }
  return undefined;
}

/**
 * The one place errors become responses. Known errors keep their status and messages; anything
 * else is a bug: it is logged in full, and the client gets a generic 500 without details.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const known = err instanceof HttpError ? err : fromBodyParser(err);
    if (known) {
      res.status(known.status).json({ errors: known.errors });
      return;
    }
    logger.error('unhandled error', {
      requestId: req.id,
      method: req.method,
      path: req.originalUrl,
      error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
    });
    res.status(500).json({ errors: { server: ['something went wrong; the request id is ' + req.id] } });
  };
}
