/**
 * The stage one test file plays on: the app, a database of its own (test/support/db.ts) and a
 * clock that stands still until a test moves it.
 */
import type { Express } from 'express';
import type { Sequelize } from 'sequelize';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { freshDatabase } from '../support/db.js';
import { ConduitClient } from './client.js';

/** The secret the app signs its tokens with: a test may forge a token with it (an expired one). */
export const JWT_SECRET = 'by-user-story-secret-0123456789-abcdefghijklmnop';

export class FrozenClock {
  private millis: number;
  constructor(iso = '2026-06-01T08:00:00.000Z') {
    this.millis = Date.parse(iso);
  }
  readonly now = (): Date => new Date(this.millis);
  at(iso: string): string {
    this.millis = Date.parse(iso);
    return new Date(this.millis).toISOString();
  }
  tick(seconds = 1): string {
    this.millis += seconds * 1000;
    return new Date(this.millis).toISOString();
  }
  iso(): string {
    return new Date(this.millis).toISOString();
  }
}

export interface Stage {
  app: Express;
  db: Sequelize;
  clock: FrozenClock;
  /** A client with nobody signed in. */
  anonymous: ConduitClient;
  close(): Promise<void>;
}

export async function openStage(): Promise<Stage> {
  const { db, drop } = await freshDatabase();
  const clock = new FrozenClock();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET });
  const app = createApp({ config, logger: createLogger('silent'), db, clock: clock.now });
  return { app, db, clock, anonymous: new ConduitClient(app), close: drop };
}
