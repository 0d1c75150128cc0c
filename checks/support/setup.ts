/** Loaded before every check file (see runner/vitest/child.mjs). */
import { afterAll } from 'vitest';
import { closeDatabases } from './db.js';

/**
 * What the learner's code meets only because the harness closed its database after the file: a
 * request still in flight from a check that already failed (timed out) goes on to query a closed
 * connection. The check has its verdict; this is not a crash of the learner's code.
 */
const closedUnderIt = /SQLITE_MISUSE|Database handle is closed|connection manager was closed|Pool is closed|connection is in closed state/i;

function afterClose(event: 'unhandledRejection' | 'uncaughtException') {
  const listener = (reason: unknown, promise?: unknown): void => {
    const message = reason instanceof Error ? reason.message : String(reason);
    if (closedUnderIt.test(message)) return;
    // Vitest reports an error only when its own listener is the only one: hand anything else back.
    process.off(event, listener);
    try {
      process.emit(event as 'unhandledRejection', reason, promise as Promise<unknown>);
    } finally {
      process.on(event, listener);
    }
  };
  return listener;
}

const FILTERING = Symbol.for('workshop.checks.closed-database-errors-filtered');
afterAll(async () => {
  // Once per process: a worker runs several check files, and the requests left over from one can
  // still meet its closed database while the next one runs.
  const holder = globalThis as { [FILTERING]?: true };
  if (!holder[FILTERING]) {
    holder[FILTERING] = true;
    process.on('unhandledRejection', afterClose('unhandledRejection'));
    process.on('uncaughtException', afterClose('uncaughtException'));
  }
  await closeDatabases();
});
