import http, { type RequestListener } from 'node:http';
import request from 'supertest';
import { fail } from './expect.js';
import { budget, seconds, timeout, track } from './budget.js';
import { currentStep } from './steps.js';
import { noteTodoAnswer } from './todo.js';

/**
 * A handler that never answers must fail its check quickly, not hang the whole run. On the
 * development machine every answer of a correct app comes in well under this; it is scaled to
 * the machine (budget.ts), and a check that runs out of it is retried once with more.
 */
export const RESPONSE_TIMEOUT_MS = 4000;

export interface SendOptions {
  /** A JSON body. */
  json?: unknown;
  /** A raw body, sent as is (with `contentType`, default application/json). */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** The local address to send from (a server sees it as the client's address, req.ip). */
  localAddress?: string;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
export type Response = request.Response;

/** Sends one request to an app in-process, the way the official Conduit tests do. */
export async function send(app: RequestListener | string, method: Method, path: string, options: SendOptions = {}): Promise<Response> {
  const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete' | 'options';
  const wait = budget(RESPONSE_TIMEOUT_MS);
  let test = request(app)[verb](path)
    .timeout({ response: wait, deadline: wait + budget(1000) })
    .set('X-Requested-With', 'XMLHttpRequest')
    .ok(() => true);
  if (options.localAddress) test = test.agent(new http.Agent({ localAddress: options.localAddress } as http.AgentOptions));
  for (const [name, value] of Object.entries(options.headers ?? {})) test = test.set(name, value);
  if (options.raw !== undefined) {
    test = test.set('Content-Type', options.contentType ?? 'application/json').send(options.raw);
  } else if (options.json !== undefined) {
    test = test.send(options.json as object);
  }
  try {
    // The app may go on answering after a timeout: the retry waits for it (budget.ts).
    const res = await track(Promise.resolve(test));
    noteTodoAnswer(res.status, res.body, currentStep());
    return res;
  } catch (err) {
    const e = err as { timeout?: number; code?: string; message?: string };
    if (e.timeout || e.code === 'ECONNABORTED') {
      timeout({
        expected: `${method} ${path} to answer`,
        got: `no response within ${seconds(wait)}`,
        hint: 'every path through a handler must send a response or call next(err): look for a missing res.json() or an await that never settles. If the machine is busy, run the checks again (docs/troubleshooting.md#the-checks-time-out)',
        operation: `${method} ${path}`,
      });
    }
    if (e.code === 'ECONNRESET' || e.code === 'ECONNREFUSED' || e.code === 'EPIPE') {
      fail({ expected: `${method} ${path} to answer`, got: `the connection failed (${e.code})` });
    }
    throw err;
  }
}

/** A response header by name, case-insensitive; several values joined with ", ". */
export function header(res: Response, name: string): string | undefined {
  const value = res.headers[name.toLowerCase()] as string | string[] | undefined;
  return Array.isArray(value) ? value.join(', ') : value;
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
