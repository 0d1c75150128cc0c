import type { WrongSubmission } from '../types.js';

const globalDb = `/**
 * One test database for the whole run: made and migrated once, before any test file, and shared
 * by all of them (migrating it for every file was the slow part). Deleted when the run ends.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, openDatabase } from '../../src/db/index.js';

export const STORAGE = path.join(os.tmpdir(), 'conduit-tests.sqlite');

const remove = () => {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(\`\${STORAGE}\${suffix}\`, { force: true });
};

export async function setup(): Promise<void> {
  remove();
  const db = await openDatabase({ dialect: 'sqlite', storage: STORAGE });
  await migrate(db);
  await db.close();
}

export function teardown(): void {
  remove();
}
`;

// The classic shape of a test database: a vitest globalSetup makes it, every file uses it. Each
// test makes its own users and articles with unique names, so the suite is green, shuffled too;
// but every file sees the rows of all the others, which the lesson's first isolation habit rules out.
export default {
  description: 'one SQLite database for the whole run, made and migrated in a vitest globalSetup, and opened by every test file’s testApp(); the files run one after the other so that they do not write it at once',
  caughtBy: 'your suite passes twice in a row and in a shuffled order: no test depends on another’s data or order',
  // The checks tell one database from another by its SQLite file.
  dialects: ['sqlite'],
  files: { 'test/support/global-db.ts': globalDb },
  edits: [
    {
      file: 'test/support/app.ts',
      find: "import { freshDatabase, type FreshDatabase } from './db.js';",
      replace: "import type { FreshDatabase } from './db.js';\nimport { openDatabase } from '../../src/db/index.js';\nimport { STORAGE } from './global-db.js';",
    },
    {
      file: 'test/support/app.ts',
      find: '  const fresh = await freshDatabase();',
      replace: "  // The run's database, migrated once by test/support/global-db.ts.\n  const db = await openDatabase({ dialect: 'sqlite', storage: STORAGE });\n  const fresh: FreshDatabase = { db, drop: () => db.close() };",
    },
    {
      file: 'vitest.config.ts',
      find: "    pool: 'forks',",
      replace: "    pool: 'forks',\n    globalSetup: ['test/support/global-db.ts'],\n    // One database for every file: one file at a time writes it.\n    fileParallelism: false,",
    },
  ],
} satisfies WrongSubmission;
