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
 * `await` of the request's work. Undefined outside a request, and when the app was built without
 * `carry` (any LOG_LEVEL but debug): callers fall back to the root logger, `requestLog() ?? logger`.
 */
const current = new AsyncLocalStorage<Logger>();
export const requestLog = (): Logger | undefined => current.getStore();

/** Query values that are nobody's business in a log line: `?token=…` becomes `?token=[redacted]`. */
const SECRET_PARAM = /([?&](?:token|access_token|password|secret|key|api_key|signature)=)[^&#]*/gi;
export const loggableUrl = (url: string): string => url.replace(SECRET_PARAM, '$1[redacted]');

/**
 * Gives each request its child logger (`req.log`, with `reqId`), and logs one line per request when
 * the response has been sent: method, url, status and how long it took, in milliseconds.
 * `carry`: also make the request's logger what requestLog() returns during its work. Only when
 * something reads it (the SQL lines of LOG_LEVEL=debug): on Node 20 the first AsyncLocalStorage
 * run turns on a hook for every promise of the process, which cost the tags route a fifth of its
 * throughput under `npm run bench`.
 */
export function requestLogger(logger: Logger, { carry = false }: { carry?: boolean } = {}): RequestHandler {
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
    if (carry) current.run(req.log, next);
    else next();
  };
}
