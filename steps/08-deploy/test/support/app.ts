/**
 * One app per test file, on a database of its own, with a clock the tests move.
 * docs/06-testing.md#the-app-under-test
 */
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { freshDatabase, type FreshDatabase } from './db.js';

export interface TestClock {
  now(): Date;
  set(iso: string): void;
  advance(ms: number): void;
}

/** Time that only moves when a test moves it: no test waits on the real clock. */
export function testClock(start = '2026-01-01T10:00:00.000Z'): TestClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (iso) => {
      current = new Date(iso).getTime();
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
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: 'test-secret-of-at-least-32-characters-0123456789' });
  const app = createApp({ config, logger: createLogger('silent'), db: fresh.db, clock: clock.now });
  return { ...fresh, app, clock, http: () => request(app) };
}
