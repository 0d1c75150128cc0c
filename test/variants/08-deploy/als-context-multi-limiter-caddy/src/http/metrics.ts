/**
 * Prometheus metrics (prom-client) for one app: docs/08-deploy.md#metrics.
 *
 * An AppMetrics owns a Registry of its own (two apps in one process never count each other's
 * requests) and hands out three middlewares: `count` (first in the chain: times every request but
 * the scrapes and the probes), `mountedAt` (put where a Router is mounted: remembers the mount path,
 * which Express takes back from req.baseUrl when the request leaves that Router), and `expose`
 * (GET /metrics, behind the bearer token). Node's process metrics are collected once per process
 * and appended to every app's answer.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Sequelize } from 'sequelize';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { HttpError, NotFoundError } from './errors.js';

/** The one label value for every path no route matched. */
export const UNMATCHED = 'unmatched';

/** The scrapes and the probes: not the users' traffic. */
const UNCOUNTED_PATHS = new Set(['/metrics', '/health', '/health/live', '/health/ready']);

/** Node's own numbers (CPU, memory, event loop lag, GC): about the process, so made once for it. */
let nodeMetrics: Registry | undefined;
function processRegistry(): Registry {
  if (nodeMetrics === undefined) {
    nodeMetrics = new Registry();
    collectDefaultMetrics({ register: nodeMetrics });
  }
  return nodeMetrics;
}

/** Sequelize's pool (sequelize-pool), the writer's when there are read replicas; none on SQLite. */
function poolStats(db: Sequelize | undefined): { using: number; available: number; waiting: number } {
  type Pool = { using?: number; available?: number; waiting?: number; write?: Pool };
  const pool = (db?.connectionManager as unknown as { pool?: Pool } | undefined)?.pool;
  const p = pool?.write ?? pool;
  return { using: p?.using ?? 0, available: p?.available ?? 0, waiting: p?.waiting ?? 0 };
}

export class AppMetrics {
  readonly registry = new Registry();
  private readonly duration: Histogram<'method' | 'route' | 'status_code'>;
  private readonly inFlight: Gauge;

  constructor(
    private readonly options: { db?: Sequelize; token?: string },
  ) {
    const registers = [this.registry];
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from the arrival of a request to the end of its answer, by method, route template and status code.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.inFlight = new Gauge({ name: 'http_requests_in_flight', help: 'Requests being handled now.', registers });
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections in use, idle, and requests waiting for one (zeros on SQLite).',
      labelNames: ['state'],
      registers,
      collect() {
        const { using, available, waiting } = poolStats(options.db);
        this.set({ state: 'in_use' }, using);
        this.set({ state: 'idle' }, available);
        this.set({ state: 'waiting' }, waiting);
      },
    });
  }

  /** Times each request from here to its last byte, under the template of the route that answered. */
  readonly count: RequestHandler = (req, res, next) => {
    if (UNCOUNTED_PATHS.has(req.path.replace(/(.)\/$/, '$1'))) return next();
    const started = process.hrtime.bigint();
    this.inFlight.inc();
    res.once('close', () => {
      this.inFlight.dec();
      // An answer cut off before its end is not a duration: only finished ones are timed.
      if (!res.writableFinished) return;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.duration.observe({ method: req.method, route: routeTemplate(req, res), status_code: String(res.statusCode) }, seconds);
    });
    next();
  };

  /** Remembers where the Router after it is mounted (its req.baseUrl), for the route template. */
  readonly mountedAt: RequestHandler = (req, res, next) => {
    res.locals.metricsMountPath = req.baseUrl;
    next();
  };

  /** GET /metrics: 404 until a token is configured, 401 without `Authorization: Bearer <token>`. */
  readonly expose: RequestHandler = async (req, res) => {
    const { token } = this.options;
    if (token === undefined) throw new NotFoundError(`${req.method} ${req.path}`);
    if (!bearerMatches(req.get('Authorization'), token)) {
      throw new HttpError(401, { token: ['is missing or invalid: send Authorization: Bearer <METRICS_TOKEN>'] }, { 'WWW-Authenticate': 'Bearer' });
    }
    // Two expositions one after the other are one exposition: no metric is in both.
    const [own, node] = await Promise.all([this.registry.metrics(), processRegistry().metrics()]);
    res.set('Content-Type', this.registry.contentType).set('Cache-Control', 'no-store').send(`${own}\n${node}`);
  };
}

/**
 * `/api/articles/:slug`: where the Router was mounted plus the matched route's path. Express leaves
 * req.route set once a route has matched, but gives req.baseUrl back when the request leaves the
 * Router (an error goes on to the app's error handler): so the mount path is the one `mountedAt` kept.
 */
function routeTemplate(req: Request, res: Response): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string') return UNMATCHED;
  const mount = typeof res.locals.metricsMountPath === 'string' ? res.locals.metricsMountPath : req.baseUrl;
  return `${mount}${path}`;
}

/** The whole header against `Bearer <token>`, in constant time once the lengths agree. */
function bearerMatches(header: string | undefined, token: string): boolean {
  if (header === undefined) return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
