/**
 * Prometheus metrics (prom-client): numbers a monitoring system scrapes every few seconds from
 * GET /metrics, stores as time series, graphs and alerts on (docs/08-deploy.md#metrics).
 *
 * Each app has its own registry, so two apps in one process (the tests, the checks) never count
 * each other's requests. The process's own metrics (CPU, memory, event loop lag, GC) describe the
 * process, not an app: they are collected once per process and shown by every app's /metrics.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Sequelize } from 'sequelize';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { HttpError, NotFoundError } from './errors.js';

/** Seconds. Most answers take milliseconds; the top buckets catch what users feel. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Not counted: the scrapes themselves and the probes, which would drown the users' requests. */
const NOT_COUNTED = /^\/(?:metrics|health(?:\/live|\/ready)?)\/?$/;

/** The one label value for every path no route matched: random URLs cannot grow the label set. */
export const UNMATCHED = 'unmatched';

let processRegistry: Registry | undefined;
/** CPU, memory, event loop lag, GC…: started on first use, once per process. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

interface PoolLike {
  using?: number;
  available?: number;
  waiting?: number;
}

/** Sequelize's connection pool (sequelize-pool): connections lent out, idle, and requests waiting for one. */
function poolOf(db: Sequelize | undefined): PoolLike {
  const manager = db?.connectionManager as unknown as { pool?: PoolLike & { write?: PoolLike } } | undefined;
  const pool = manager?.pool;
  // With read replicas, Sequelize keeps two pools; the writer's is the one that runs out first.
  return (pool?.write ?? pool ?? {}) as PoolLike;
}

export interface Metrics {
  /** Counts every request (but /metrics and the probes) when its answer has been sent. */
  middleware: RequestHandler;
  /** GET /metrics: 404 without a token configured, 401 without the right bearer token. */
  handler: RequestHandler;
  registry: Registry;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The route template that answered (`/api/articles/:slug`), set when a route matches. */
    routeTemplate?: string;
  }
}

export function createMetrics({ db, token }: { db?: Sequelize; token?: string }): Metrics {
  const registry = new Registry();
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'How long requests took, from arrival to the last byte of the answer, by method, route template and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'http_requests_in_flight',
    help: 'Requests being handled right now.',
    registers: [registry],
  });
  const aborted = new Counter({
    name: 'http_requests_aborted_total',
    help: 'Requests whose client went away before the answer was sent.',
    labelNames: ['method'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'db_pool_connections',
    help: "The database connection pool: connections in use, idle, and requests waiting for one (zeros on SQLite, which has no pool).",
    labelNames: ['state'] as const,
    registers: [registry],
    // Read when scraped, never polled.
    collect() {
      const pool = poolOf(db);
      this.set({ state: 'in_use' }, pool.using ?? 0);
      this.set({ state: 'idle' }, pool.available ?? 0);
      this.set({ state: 'waiting' }, pool.waiting ?? 0);
    },
  });

  const middleware: RequestHandler = (req, res, next) => {
    if (NOT_COUNTED.test(req.path)) return next();
    rememberRouteTemplate(req);
    inFlight.inc();
    const end = duration.startTimer();
    let done = false;
    res.on('finish', () => {
      done = true;
      inFlight.dec();
      end({ method: req.method, route: req.routeTemplate ?? UNMATCHED, status_code: String(res.statusCode) });
    });
    res.on('close', () => {
      if (done) return;
      inFlight.dec();
      aborted.inc({ method: req.method });
    });
    next();
  };

  let exposed: Registry | undefined;
  const handler: RequestHandler = async (req, res) => {
    // Off unless configured: the numbers tell an attacker how busy you are and what you run.
    if (!token) throw new NotFoundError(`${req.method} ${req.path}`);
    if (!sameToken(req.get('Authorization') ?? '', `Bearer ${token}`)) {
      throw new HttpError(401, { token: ['is missing or invalid: send Authorization: Bearer <METRICS_TOKEN>'] }, { 'WWW-Authenticate': 'Bearer' });
    }
    exposed ??= Registry.merge([registry, processMetrics()]);
    res.set('Content-Type', exposed.contentType).set('Cache-Control', 'no-store');
    res.send(await exposed.metrics());
  };

  return { middleware, handler, registry };
}

type Req = Parameters<RequestHandler>[0];
const ROUTE = Symbol('route');
const watched = new WeakSet<object>();

/**
 * Express sets req.route when a route matches, and req.baseUrl is then the path its router is
 * mounted on (/api). A route that throws leaves its router, which puts baseUrl back to '' before
 * the answer is sent: so the template is taken at the moment the route is set, not at the end.
 * The setter that takes it lives on the prototype Express gives every request of the app
 * (app.request), defined once: one defined on each request would cost every request a new shape.
 */
function rememberRouteTemplate(req: Req): void {
  const proto = Object.getPrototypeOf(req) as object | null;
  if (!proto || watched.has(proto) || Object.prototype.hasOwnProperty.call(req, 'route')) return;
  watched.add(proto);
  Object.defineProperty(proto, 'route', {
    configurable: true,
    get(this: Req & { [ROUTE]?: unknown }) {
      return this[ROUTE];
    },
    set(this: Req & { [ROUTE]?: unknown }, value: { path?: unknown } | undefined) {
      this[ROUTE] = value;
      if (value && typeof value.path === 'string') this.routeTemplate = `${this.baseUrl}${value.path}`;
    },
  });
}

/** Compares in constant time (of the hashes: equal lengths), so the answer's timing tells nothing. */
function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
