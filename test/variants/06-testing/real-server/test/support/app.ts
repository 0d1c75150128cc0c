/**
 * One real server per test file, listening on a port the system picks, on a database of its own.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { freshDatabase, type FreshDatabase } from './db.js';

export interface TestClock {
  now(): Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function testClock(start = '2026-01-01T10:00:00.000Z'): TestClock {
  let current = Date.parse(start);
  return {
    now: () => new Date(current),
    set: (iso) => {
      current = Date.parse(iso);
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

export interface TestApp extends FreshDatabase {
  app: Express;
  clock: TestClock;
  http: () => ReturnType<typeof request>;
}

export async function testApp(): Promise<TestApp> {
  const fresh = await freshDatabase();
  const clock = testClock();
  const config: Config = {
    env: 'test',
    port: 0,
    logLevel: 'silent',
    database: { dialect: 'sqlite', storage: ':unused:' },
    jwtSecret: 'a-test-secret-that-is-long-enough-0123456789',
    jwtExpiresIn: '1h',
  };
  const app = createApp({ config, logger: createLogger('silent'), db: fresh.db, clock: clock.now });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...fresh,
    app,
    clock,
    http: () => request(base),
    async drop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fresh.drop();
    },
  };
}
