import type { WrongSubmission } from '../types.js';

// database-per-worker-kept without its numbered usernames: the names stay unique, so nothing
// clashes and the suite is green, twice and shuffled; but each worker's files share one database,
// and the second run starts on the first one's rows.
export default {
  description: 'one database per vitest worker, named after it, reused by every file that worker runs and kept after the run; the builders’ random names keep the tests from clashing',
  caughtBy: 'your suite passes twice in a row and in a shuffled order: no test depends on another’s data or order',
  // The checks tell one database from another by its SQLite file.
  dialects: ['sqlite'],
  edits: [
    {
      file: 'test/support/db.ts',
      find: "  const name = `${process.env.TEST_DB_PREFIX ?? 'conduit_test_'}${crypto.randomBytes(6).toString('hex')}`;",
      replace: "  // One per worker: a worker runs its files one after the other, and migrating is slow.\n  const name = `${process.env.TEST_DB_PREFIX ?? 'conduit_test_'}worker${process.env.VITEST_POOL_ID ?? '0'}`;",
    },
    {
      file: 'test/support/db.ts',
      find: "      await admin.query(`CREATE DATABASE \\`${name}\\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);",
      replace: "      await admin.query(`CREATE DATABASE IF NOT EXISTS \\`${name}\\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);",
    },
    { file: 'test/support/db.ts', find: "        await again.query(`DROP DATABASE IF EXISTS \\`${name}\\``).finally(() => again.end());", replace: '        await again.end();' },
    { file: 'test/support/db.ts', find: "      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${storage}${suffix}`, { force: true });", replace: '      // kept: the next file of this worker, and the next run, use it again' },
  ],
} satisfies WrongSubmission;
