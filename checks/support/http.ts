import type { RequestListener } from 'node:http';
import request from 'supertest';
import { fail } from './expect.js';

/** A handler that never answers must fail its check quickly, not hang the whole run. */
export const RESPONSE_TIMEOUT_MS = 4000;

export interface SendOptions {
  /** A JSON body. */
  json?: unknown;
  /** A raw body, sent as is (with `contentType`, default application/json). */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Response = request.Response;

/** Sends one request to an app in-process, the way the official Conduit tests do. */
export async function send(app: RequestListener | string, method: Method, path: string, options: SendOptions = {}): Promise<Response> {
  const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  let test = request(app)[verb](path)
    .timeout({ response: RESPONSE_TIMEOUT_MS, deadline: RESPONSE_TIMEOUT_MS + 1000 })
    .set('X-Requested-With', 'XMLHttpRequest')
    .ok(() => true);
  for (const [name, value] of Object.entries(options.headers ?? {})) test = test.set(name, value);
  if (options.raw !== undefined) {
    test = test.set('Content-Type', options.contentType ?? 'application/json').send(options.raw);
  } else if (options.json !== undefined) {
    test = test.send(options.json as object);
  }
  try {
    return await test;
  } catch (err) {
    const e = err as { timeout?: number; code?: string; message?: string };
    if (e.timeout || e.code === 'ECONNABORTED') {
      fail({
        expected: `${method} ${path} to answer`,
        got: `no response within ${RESPONSE_TIMEOUT_MS / 1000} s`,
        hint: 'every path through a handler must send a response or call next(err); look for a missing res.json() or an await that never settles',
      });
    }
    if (e.code === 'ECONNRESET' || e.code === 'ECONNREFUSED' || e.code === 'EPIPE') {
      fail({ expected: `${method} ${path} to answer`, got: `the connection failed (${e.code})` });
    }
    throw err;
  }
}

/** Shorthands: `api(app).get('/health')`, `api(app).post('/api/articles', { json })`. */
export function api(app: RequestListener | string) {
  return {
    get: (path: string, o?: SendOptions) => send(app, 'GET', path, o),
    post: (path: string, o?: SendOptions) => send(app, 'POST', path, o),
    put: (path: string, o?: SendOptions) => send(app, 'PUT', path, o),
    patch: (path: string, o?: SendOptions) => send(app, 'PATCH', path, o),
    delete: (path: string, o?: SendOptions) => send(app, 'DELETE', path, o),
  };
}
