/**
 * Concurrent writes that never trip over each other, on both dialects. openDatabase applies what
 * its dialect needs, so the rest of the code only ever calls `db.transaction(async (t) => …)`
 * (docs/03-database.md#when-two-requests-write-at-once).
 *
 * - SQLite has one write lock for the whole file. Sequelize gives every transaction a connection of
 *   its own and lets them race for that lock: the losers wait a second, fail with SQLITE_BUSY, and
 *   Sequelize cannot even close their connections. Here transactions take turns instead, first come
 *   first served, on one long-lived writer connection: inside the process, nobody waits for the
 *   file's lock any more, they wait in a queue that has an end.
 * - MySQL has row locks and many writers, and now and then two transactions each wait for a lock the
 *   other holds: a deadlock. MySQL rolls one of them back (error 1213) so the other can go on; the
 *   documented answer is to run the victim again from the start. The same for a lock wait timeout
 *   (1205).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Sequelize, Transaction, TransactionOptions } from 'sequelize';

/** Waited longer than the app allows for its turn to write: the error handler answers 503. */
export class DatabaseBusyError extends Error {
  constructor(readonly waitedMs: number) {
    super(`waited ${Math.round(waitedMs / 1000)} s for a turn to write to the database: is a transaction waiting for another one (a query inside db.transaction without { transaction })?`);
    this.name = 'DatabaseBusyError';
  }
}

/** First come, first served, one at a time; a turn that does not come within `maxWaitMs` is an error. */
class TurnQueue {
  private busy = false;
  private readonly waiting: (() => void)[] = [];

  enter(maxWaitMs: number): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(turn), 1);
        reject(new DatabaseBusyError(maxWaitMs));
      }, maxWaitMs);
      this.waiting.push(turn);
    });
  }

  leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }
}

/** The parts of node-sqlite3's Database and of Sequelize's SQLite connection manager used here. */
interface SqliteConnection {
  uuid?: string;
  configure(option: 'busyTimeout', ms: number): void;
  close(callback?: (err: Error | null) => void): void;
}
interface SqliteConnectionManager {
  connections: Record<string, SqliteConnection>;
  getConnection(options?: { uuid?: string }): Promise<SqliteConnection>;
  releaseConnection(connection: SqliteConnection, force?: boolean): void;
  destroyConnection(connection: SqliteConnection): Promise<void>;
}

export interface OneWriterOptions {
  /** How long a transaction may wait for its turn before the request fails with a 503. */
  maxWaitMs?: number;
  /** How long a single statement outside a transaction waits for the file's lock (SQLite's busy_timeout). */
  busyTimeoutMs?: number;
}

const WRITER = 'writer';

/**
 * SQLite: every transaction waits for its turn, then runs on the one writer connection. Queries
 * outside transactions (reads, mostly) keep the shared connection and, in WAL mode, never wait.
 */
export function oneWriterAtATime(sequelize: Sequelize, { maxWaitMs = 30_000, busyTimeoutMs = 10_000 }: OneWriterOptions = {}): void {
  const manager = sequelize.connectionManager as unknown as SqliteConnectionManager;
  const open = manager.getConnection.bind(manager);
  const release = manager.releaseConnection.bind(manager);
  const turns = new TurnQueue();
  const configured = new WeakSet<SqliteConnection>();
  let writer: SqliteConnection | undefined;

  // node-sqlite3 waits 1 s for a lock held elsewhere (another process, or a statement of the
  // shared connection racing the writer), then fails: give a single statement longer.
  const withBusyTimeout = (connection: SqliteConnection): SqliteConnection => {
    if (!configured.has(connection)) {
      connection.configure('busyTimeout', busyTimeoutMs);
      configured.add(connection);
    }
    return connection;
  };
  const close = (connection: SqliteConnection): void => {
    for (const [key, known] of Object.entries(manager.connections)) if (known === connection) delete manager.connections[key];
    connection.close(() => undefined);
  };

  manager.getConnection = async (options = {}) => {
    // A transaction asks for a connection of its own (uuid: its id); everything else shares 'default'.
    if (options.uuid === undefined || options.uuid === 'default') return withBusyTimeout(await open(options));
    await turns.enter(maxWaitMs);
    try {
      writer ??= withBusyTimeout(await open({ ...options, uuid: WRITER }));
      return writer;
    } catch (err) {
      turns.leave();
      throw err;
    }
  };

  // A transaction that ended (commit or rollback) gives the writer back for the next one.
  manager.releaseConnection = (connection, force) => {
    if (connection === writer) turns.leave();
    else release(connection, force);
  };

  // A COMMIT or ROLLBACK that failed leaves a connection in an unknown state: close it for good
  // (Sequelize's own code for this never closes SQLite connections: each one leaked a file handle).
  manager.destroyConnection = async (connection) => {
    close(connection);
    if (connection === writer) {
      writer = undefined;
      turns.leave();
    }
  };
}

const ER_LOCK_DEADLOCK = 1213;
const ER_LOCK_WAIT_TIMEOUT = 1205;

/** MySQL chose this transaction as a deadlock's victim, or it waited too long for a row lock. */
export function isDeadlock(err: unknown): boolean {
  const e = err as { parent?: { errno?: unknown }; original?: { errno?: unknown } } | undefined;
  const errno = e?.parent?.errno ?? e?.original?.errno;
  return errno === ER_LOCK_DEADLOCK || errno === ER_LOCK_WAIT_TIMEOUT;
}

export interface RetryOptions {
  /**
   * Runs of one transaction in all, the first included. A burst of writers on the same rows can
   * pick the same victim several times in a row, more so on a loaded machine (4 ran out once in CI);
   * 8 runs wait about 4 s at most in all.
   */
  attempts?: number;
  /** The first wait before a retry; each further one doubles, with jitter. */
  baseDelayMs?: number;
}

type Work = (transaction: Transaction) => PromiseLike<unknown>;

/**
 * MySQL: `db.transaction(work)` runs `work` again when MySQL rolled it back to break a deadlock.
 * Only managed transactions (with a callback) are retried: the callback is the whole unit of work,
 * and it must do nothing outside the database that cannot happen twice.
 */
export function retryDeadlocks(sequelize: Sequelize, { attempts = 8, baseDelayMs = 20 }: RetryOptions = {}): void {
  const transaction = sequelize.transaction.bind(sequelize) as (options?: TransactionOptions, work?: Work) => Promise<unknown>;
  const retrying = async (first?: TransactionOptions | Work, second?: Work): Promise<unknown> => {
    const [options, work] = typeof first === 'function' ? [undefined, first] : [first, second];
    // An unmanaged transaction (no callback) cannot be run again from here; a nested one belongs
    // to its outer transaction, which is the one to retry.
    if (work === undefined || options?.transaction) return transaction(options, work);
    for (let attempt = 1; ; attempt++) {
      try {
        return await transaction(options, work);
      } catch (err) {
        if (!isDeadlock(err) || attempt >= attempts) throw err;
        // Two victims retrying at the same instant would meet again: wait a random, growing moment.
        await sleep(baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
      }
    }
  };
  sequelize.transaction = retrying as Sequelize['transaction'];
}
