/**
 * Every request runs inside a log context of its own (src/logger.ts's AsyncLocalStorage): its
 * id is on every line written while it is handled, wherever the line is written from. The id is
 * the caller's X-Request-Id when it looks like one, else a new UUID, and the answer carries it.
 * When the answer has been sent, one line says how it went.
 */
import { randomUUID } from 'node:crypto';
import { AsyncResource } from 'node:async_hooks';
import type { RequestHandler } from 'express';
import { logContext, type Logger } from '../logger.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Ties together every log line of one request, and the response the client saw. */
    id: string;
  }
}

/** A caller's id is accepted only if it looks like one: it ends up in our logs. */
const PLAUSIBLE_ID = /^[\w.:-]{1,128}$/;

/** Query values that never reach a log line: `?token=…` becomes `?token=[redacted]`. */
const SECRET_QUERY_VALUE = /([?&](?:token|access_token|password|secret|key|api_key|signature)=)[^&#]*/gi;
export const loggableUrl = (url: string): string => url.replace(SECRET_QUERY_VALUE, '$1[redacted]');

export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const sent = req.get('X-Request-Id');
    const reqId = sent !== undefined && PLAUSIBLE_ID.test(sent) ? sent : randomUUID();
    req.id = reqId;
    res.set('X-Request-Id', reqId);
    logContext.run({ reqId }, () => {
      const started = process.hrtime.bigint();
      // Bound to this request's context: 'finish' is emitted from the socket's callbacks.
      res.once(
        'finish',
        AsyncResource.bind(() => {
          logger.info('request', {
            method: req.method,
            url: loggableUrl(req.originalUrl),
            status: res.statusCode,
            responseTime: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
          });
        }),
      );
      next();
    });
  };
}
