/**
 * What operations rely on: the probes, the metrics, and the attempt limits shared through Redis.
 * docs/08-deploy.md
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisConnection } from '../src/redis.js';
import { testApp, type TestApp } from './support/app.js';
import { registerUser } from './support/builders.js';

const METRICS_TOKEN = 'metrics-token-for-the-tests-0123456789';

/** A fake Redis whose every command and transaction answers with `reply()`. */
function fakeRedis(reply: () => Promise<unknown>): RedisConnection {
  return {
    sendCommand: reply,
    multi() {
      const transaction = { addCommand: () => transaction, exec: reply };
      return transaction;
    },
  };
}
/** A Redis that is down: every command fails at once, as node-redis does with disableOfflineQueue. */
const downRedis = fakeRedis(() => Promise.reject(new Error('The client is closed')));
/** A Redis that never answers (a network that drops packets). */
const hungRedis = fakeRedis(() => new Promise(() => undefined));

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ env: { METRICS_TOKEN } });
});
afterAll(() => t.drop());

describe('GET /health/live', () => {
  it('answers 200 {"status":"ok"} without asking any dependency', async () => {
    const down = await testApp({ on: t, redis: downRedis });
    const res = await down.http().get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });
});

describe('GET /health/ready', () => {
  it('answers 200 when the database answers', async () => {
    const res = await t.http().get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', checks: { database: 'ok' } });
  });

  it('answers 503 naming the dependency, never the error, when Redis is down or does not answer', async () => {
    for (const redis of [downRedis, hungRedis]) {
      const app = await testApp({ on: t, redis });
      const res = await app.http().get('/health/ready');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'unavailable', checks: { database: 'ok', redis: 'unavailable' } });
    }
  });

  it('answers 503 "shutting down" once a shutdown has started', async () => {
    const app = await testApp({ on: t });
    app.app.locals.shuttingDown = true;
    const res = await app.http().get('/health/ready');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'shutting down' });
  });
});

describe('GET /metrics', () => {
  it('answers 404 when no METRICS_TOKEN is configured', async () => {
    const app = await testApp({ on: t });
    expect((await app.http().get('/metrics')).status).toBe(404);
  });

  it('answers 401 in the error envelope without the right bearer token', async () => {
    for (const auth of [undefined, 'Bearer wrong-token', `Token ${METRICS_TOKEN}`, `Bearer ${METRICS_TOKEN}x`]) {
      const req = t.http().get('/metrics');
      const res = await (auth ? req.set('Authorization', auth) : req);
      expect(res.status).toBe(401);
      expect(res.body.errors.token).toEqual([expect.any(String)]);
    }
  });

  it('counts requests by route template, with one label for every unmatched path, and not the probes', async () => {
    const app = await testApp({ on: t, env: { METRICS_TOKEN } });
    await app.http().get('/api/articles/no-such-article');
    await app.http().get('/api/articles/another-one');
    await app.http().get(`/no/such/path/${randomUUID()}`);
    await app.http().get('/health/ready');
    const res = await app.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('http_request_duration_seconds_count{method="GET",route="/api/articles/:slug",status_code="404"} 2');
    expect(res.text).toContain('http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"} 1');
    expect(res.text).not.toMatch(/route="\/health/);
    expect(res.text).not.toContain('no-such-article');
    for (const name of ['http_requests_in_flight', 'db_pool_connections{state="in_use"}', 'process_cpu_seconds_total', 'nodejs_eventloop_lag_seconds']) expect(res.text).toContain(name);
  });

  it('gives each app its own counts', async () => {
    const one = await testApp({ on: t, env: { METRICS_TOKEN } });
    const two = await testApp({ on: t, env: { METRICS_TOKEN } });
    await one.http().get('/api/tags');
    const res = await two.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(res.text).not.toContain('route="/api/tags"');
  });
});

describe('the attempt limits without Redis', () => {
  it('answer 503 in the envelope to a login and a registration: a limiter that cannot count lets nobody through', async () => {
    const app = await testApp({ on: t, redis: downRedis });
    const login = await app.http().post('/api/users/login').send({ user: { email: 'ada@example.com', password: 'correct horse battery' } });
    expect(login.status).toBe(503);
    expect(login.body).toEqual({ errors: { service: ['is temporarily unavailable'] } });
    const register = await app.http().post('/api/users').send({ user: { username: 'ada', email: 'ada@example.com', password: 'correct horse battery' } });
    expect(register.status).toBe(503);
  });
});

// A real Redis when TEST_REDIS_URL says where (CI's service, or `docker compose up -d redis`).
describe.skipIf(!process.env.TEST_REDIS_URL)('the attempt limits with Redis, shared by two instances', () => {
  let redis: ReturnType<typeof createClient>;
  beforeAll(async () => {
    redis = createClient({ url: process.env.TEST_REDIS_URL });
    await redis.connect();
  });
  afterAll(async () => {
    await redis?.close();
  });

  it('hold one limit: five wrong passwords spread over two apps, and the next login is 429 on either', async () => {
    // Behind one proxy, each test run from an address of its own, so runs never share a counter.
    const env = { TRUST_PROXY: '1' };
    const client = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const one = await testApp({ on: t, env, redis });
    const two = await testApp({ on: t, env, redis });
    const ada = await registerUser(t, 'ada');
    for (let i = 0; i < 5; i++) {
      const app = i % 2 === 0 ? one : two;
      const res = await app.http().post('/api/users/login').set('X-Forwarded-For', client).send({ user: { email: ada.email, password: `wrong ${i}` } });
      expect(res.status).toBe(401);
    }
    for (const app of [one, two]) {
      const res = await app.http().post('/api/users/login').set('X-Forwarded-For', client).send({ user: { email: ada.email, password: ada.password } });
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    // The counter expires by itself: it has a time to live.
    const ttl = await redis.pTTL(`conduit:login:${client}|${ada.email}`);
    expect(ttl).toBeGreaterThan(0);
  });
});
