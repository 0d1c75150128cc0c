import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, RouteNotFound } from '../errors/app-error.js';
import type { Logger } from '../logger.js';
import { currentRequestId } from './context.js';

export const unmatched: RequestHandler = (req, _res, next) => next(new RouteNotFound(req.method, req.path));

/** body-parser's errors (http-errors): a 4xx `status`, and a string `type` or `expose: true` (zlib's, for a bad gzip body). */
function parserStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { type, status, expose } = err as { type?: unknown; status?: unknown; expose?: unknown };
  const fromParser = typeof type === 'string' || expose === true;
  return fromParser && typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

export function handleErrors(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err instanceof AppError) {
      res.status(err.statusCode).json({ errors: err.details });
      return;
    }
    const status = parserStatus(err);
    if (status !== undefined) {
      res.status(status).json({ errors: { body: [status === 400 ? 'is not valid JSON' : 'was refused'] } });
      return;
    }
    const requestId = currentRequestId();
    logger.error('request failed', { reqId: requestId, method: req.method, url: req.originalUrl, err: err instanceof Error ? err : { thrown: String(err) } });
    res.status(500).json({ errors: { server: [`internal error (request ${requestId})`] } });
  };
}
