import type { RequestHandler } from 'express';

declare module 'express-serve-static-core' {
  interface Request {
    /** Ties together every log line of one request, and the response the client saw. */
    id: string;
  }
}

export function requestId(): RequestHandler {
  return (_req, _res, next) => {
    // TODO(01-server): give every request an id. Reuse the caller's X-Request-Id header only if it
    // looks safe (a strict pattern such as /^[\w.:-]{1,128}$/: it ends up in our logs), otherwise
    // make a new one with randomUUID() from node:crypto. Store it on req.id and send it back in
    // the X-Request-Id response header.
    next();
  };
}
