import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';

export function requestLogger(logger: Logger): RequestHandler {
  return (_req, _res, next) => {
    // TODO(01-server): log one line per request through `logger`, when the response has been
    // sent (res.on('finish', ...)): the status is known only then. Log fields, not a sentence:
    // logger.info('request', { requestId, method, path, status, durationMs }).
    next();
  };
}
