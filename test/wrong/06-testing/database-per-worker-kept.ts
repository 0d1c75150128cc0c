import type { WrongSubmission } from '../types.js';

export default {
  description: 'one database per vitest worker, kept after the run "for debugging", and usernames numbered from 1 in each run: the second run meets the first one’s users',
  caughtBy: 'your suite passes twice in a row and in a shuffled order: no test depends on another’s data or order',
  edits: [
    {
      file: 'test/support/db.ts',
      find: "  const name = `${process.env.TEST_DB_PREFIX ?? 'conduit_test_'}${crypto.randomBytes(6).toString('hex')}`;",
      replace: "  const name = `${process.env.TEST_DB_PREFIX ?? 'conduit_test_'}worker${process.env.VITEST_POOL_ID ?? '0'}`;",
    },
    {
      file: 'test/support/db.ts',
      find: "      await admin.query(`CREATE DATABASE \\`${name}\\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);",
      replace: "      await admin.query(`CREATE DATABASE IF NOT EXISTS \\`${name}\\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);",
    },
    { file: 'test/support/db.ts', find: "        await again.query(`DROP DATABASE IF EXISTS \\`${name}\\``).finally(() => again.end());", replace: '        await again.end();' },
    { file: 'test/support/db.ts', find: "      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${storage}${suffix}`, { force: true });", replace: '      // kept for debugging' },
    { file: 'test/support/builders.ts', find: '  return `${prefix}${counter}${Math.random().toString(36).slice(2, 6)}`;', replace: '  return `${prefix}${counter}`;' },
  ],
} satisfies WrongSubmission;
