import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { currentRequestId } from './context.js';

export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const reqId = currentRequestId();
    const t0 = performance.now();
    res.once('finish', () => {
      logger.info('http', {
        reqId,
        http: { method: req.method, url: req.originalUrl, statusCode: res.statusCode },
        elapsedMs: Number((performance.now() - t0).toFixed(2)),
      });
    });
    next();
  };
}
