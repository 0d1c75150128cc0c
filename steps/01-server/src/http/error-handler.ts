import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.js';

/** Registered after every route: nothing matched. */
export function notFound(): RequestHandler {
  return (_req, _res, next) => {
    // TODO(01-server): answer 404 in the Conduit error envelope instead of Express's HTML page:
    // pass a NotFoundError (from ./errors.js) to next() and let the error handler answer.
    next();
  };
}

/** The one place errors become responses. Express knows it by its four parameters. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, _res, next) => {
    // TODO(01-server): turn every error into a JSON answer { errors: { <key>: ['message'] } }:
    // - an HttpError (./errors.js) keeps its status and messages;
    // - a body express.json() could not parse (err.type === 'entity.parse.failed') is the
    //   client's mistake: 400;
    // - anything else is a bug: logger.error(...) it in full with the request id, and answer 500
    //   with a generic message, never err.message or err.stack.
    // Today the error falls through to Express's default handler: an HTML page with the stack.
    next(err);
  };
}
