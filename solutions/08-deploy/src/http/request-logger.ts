import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';
import { childLogger, type Logger } from '../logger.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The request's own logger: every line it writes carries the request id as `reqId`. */
    log: Logger;
  }
}

/**
 * The logger of the request being handled, for code that has no `req` at hand (the SQL lines of
 * `LOG_LEVEL=debug`, written from the database's logging callback): Node carries it along every
 * `await` of the request's work.
 */
const current = new AsyncLocalStorage<Logger>();
export const requestLog = (): Logger | undefined => current.getStore();

/** Query values that are nobody's business in a log line: `?token=…` becomes `?token=[redacted]`. */
const SECRET_PARAM = /([?&](?:token|access_token|password|secret|key|api_key|signature)=)[^&#]*/gi;
export const loggableUrl = (url: string): string => url.replace(SECRET_PARAM, '$1[redacted]');

/**
 * Gives each request its child logger (`req.log`, with `reqId`), and logs one line per request when
 * the response has been sent: method, url, status and how long it took, in milliseconds.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    req.log = childLogger(logger, { reqId: req.id });
    res.on('finish', () => {
      const responseTime = Number(process.hrtime.bigint() - started) / 1e6;
      req.log.info('request', {
        method: req.method,
        url: loggableUrl(req.originalUrl),
        status: res.statusCode,
        responseTime: Math.round(responseTime * 10) / 10,
      });
    });
    current.run(req.log, next);
  };
}
