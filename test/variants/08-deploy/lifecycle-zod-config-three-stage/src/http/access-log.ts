/**
 * One middleware for what a request leaves in the logs: its id (the caller's X-Request-Id when it
 * looks like one, else a new UUID, answered in X-Request-Id), its own pino child logger on
 * `req.log` (every line it writes carries `reqId`), and one closing line when its connection is done
 * with it: method, url (secret query values hidden), status and responseTime in milliseconds.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import { childLogger, type Logger } from '../logger.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Ties together every log line of one request, and the response the client saw. */
    id: string;
    /** The request's own logger: every line it writes carries `reqId`. */
    log: Logger;
  }
}

/** A caller's id is kept only if it is short and plain: it ends up in our logs. */
const ACCEPTABLE_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Query parameters whose values are nobody's business in a log line. */
const SECRET_PARAMS = new Set(['token', 'access_token', 'password', 'secret', 'key', 'api_key', 'signature']);

/** The url with the values of secret query parameters replaced: `?token=[redacted]`. */
export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = decodeURIComponentSafe(eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
      return eq >= 0 && SECRET_PARAMS.has(name) ? `${pair.slice(0, eq)}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The logger of the request being handled, for code with no `req` at hand (the SQL lines at debug). */
const requestScope = new AsyncLocalStorage<Logger>();
export const currentRequestLogger = (): Logger | undefined => requestScope.getStore();

export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const offered = req.get('X-Request-Id');
    req.id = offered !== undefined && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    req.log = childLogger(logger, { reqId: req.id });
    // 'close' comes once, answered or not: exactly one closing line per request.
    res.once('close', () => {
      const fields = {
        method: req.method,
        url: loggableUrl(req.originalUrl),
        responseTime: Math.round((performance.now() - started) * 10) / 10,
      };
      if (res.writableFinished) req.log.info('request', { ...fields, status: res.statusCode });
      else req.log.warn('request aborted by the client', { ...fields, aborted: true });
    });
    requestScope.run(req.log, () => next());
  };
}
