/**
 * Rate limits kept in the database (table login_limits, migration 0005), fixed windows timed by
 * the app's clock. `take` checks and counts in one transaction that holds the bucket's row: on
 * MySQL with SELECT … FOR UPDATE (a second take of the same bucket waits for the first to commit),
 * on SQLite because transactions take turns on one writer (src/db/concurrency.ts). Fifty takes at
 * once therefore see 0, 1, 2, … and never all the same count.
 *
 * Every app draws a scope of its own (made in createApp): the counts of two apps never mix, even
 * on one database. Rows do not live in memory, so a flood of made-up emails costs disk, not heap,
 * and expired rows of this scope are swept out now and then.
 */
import { createHash, randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';

export interface Limit {
  /** Counts one attempt and answers 0, or counts nothing and answers the seconds to wait. */
  take(key: string): Promise<number>;
  /** Hands back one attempt that turned out not to count. */
  giveBack(key: string): Promise<void>;
  /** Forgets the attempts of `key`. */
  forget(key: string): Promise<void>;
}

export interface LimitRule {
  name: string;
  max: number;
  windowMs: number;
}

const MINUTES_15 = 15 * 60_000;
export const PER_CLIENT_AND_EMAIL: LimitRule = { name: 'login', max: 5, windowMs: MINUTES_15 };
export const PER_CLIENT: LimitRule = { name: 'client-logins', max: 50, windowMs: MINUTES_15 };
export const REGISTRATIONS: LimitRule = { name: 'registrations', max: 20, windowMs: MINUTES_15 };

const SWEEP_EVERY = 500;

export function createLimits(db: Sequelize, clock: () => Date) {
  const scope = randomUUID();
  const mysql = db.getDialect() === 'mysql';
  let takes = 0;

  const ensureRow = mysql
    ? 'INSERT INTO login_limits (bucket, scope, attempts, window_ends) VALUES ($1, $2, 0, 0) ON DUPLICATE KEY UPDATE bucket = bucket'
    : 'INSERT INTO login_limits (bucket, scope, attempts, window_ends) VALUES ($1, $2, 0, 0) ON CONFLICT (bucket) DO NOTHING';
  const readRow = `SELECT attempts, window_ends FROM login_limits WHERE bucket = $1${mysql ? ' FOR UPDATE' : ''}`;

  function limit({ name, max, windowMs }: LimitRule): Limit {
    const bucket = (key: string) => createHash('sha256').update(`${scope}\u0000${name}\u0000${key}`).digest('hex');
    return {
      async take(key) {
        const b = bucket(key);
        if (++takes % SWEEP_EVERY === 0) {
          await db.transaction((transaction) =>
            db.query('DELETE FROM login_limits WHERE scope = $1 AND window_ends <= $2', { bind: [scope, clock().getTime()], type: QueryTypes.BULKDELETE, transaction }),
          );
        }
        return db.transaction(async (transaction) => {
          const now = clock().getTime();
          await db.query(ensureRow, { bind: [b, scope], transaction });
          const [row] = await db.query<{ attempts: number | string; window_ends: number | string }>(readRow, { bind: [b], type: QueryTypes.SELECT, transaction });
          const ends = Number(row?.window_ends ?? 0);
          if (ends <= now) {
            await db.query('UPDATE login_limits SET attempts = 1, window_ends = $2 WHERE bucket = $1', { bind: [b, now + windowMs], transaction });
            return 0;
          }
          if (Number(row.attempts) >= max) return Math.max(1, Math.ceil((ends - now) / 1000));
          await db.query('UPDATE login_limits SET attempts = attempts + 1 WHERE bucket = $1', { bind: [b], transaction });
          return 0;
        });
      },
      async giveBack(key) {
        // Every write goes through a transaction: on SQLite, that is what makes it wait its turn.
        await db.transaction((transaction) =>
          db.query('UPDATE login_limits SET attempts = attempts - 1 WHERE bucket = $1 AND attempts > 0 AND window_ends > $2', {
            bind: [bucket(key), clock().getTime()],
            transaction,
          }),
        );
      },
      async forget(key) {
        await db.transaction((transaction) => db.query('DELETE FROM login_limits WHERE bucket = $1', { bind: [bucket(key)], type: QueryTypes.BULKDELETE, transaction }));
      },
    };
  }

  return {
    loginAttempts: limit(PER_CLIENT_AND_EMAIL),
    clientLogins: limit(PER_CLIENT),
    registrations: limit(REGISTRATIONS),
  };
}

export type Limits = ReturnType<typeof createLimits>;
