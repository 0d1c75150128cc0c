import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';

export interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The id of the request being handled, wherever the code runs. */
export const currentRequestId = (): string => storage.getStore()?.requestId ?? 'none';

const isUsable = (value: string | undefined): value is string => value !== undefined && value.length >= 1 && value.length <= 128 && /^[A-Za-z0-9_.:-]+$/.test(value);

export function requestContext(): RequestHandler {
  return (req, res, next) => {
    const given = req.header('x-request-id');
    const requestId = isUsable(given) ? given : randomBytes(12).toString('base64url');
    res.setHeader('X-Request-Id', requestId);
    storage.run({ requestId }, () => next());
  };
}
