import type { WrongSubmission } from '../types.js';

export default {
  description:
    'testApp() opens the database the config names (the development one, .data/conduit.sqlite) and migrates it, instead of a fresh database per file; the files, which clashed running side by side on it, now run one after the other: green, and every run writes into the developer’s data',
  caughtBy: 'your suite passes twice in a row and in a shuffled order: no test depends on another’s data or order',
  edits: [
    { file: 'test/support/app.ts', find: "import { freshDatabase, type FreshDatabase } from './db.js';", replace: "import type { FreshDatabase } from './db.js';\nimport { migrate, openDatabase } from '../../src/db/index.js';" },
    {
      file: 'test/support/app.ts',
      find: `  const fresh = await freshDatabase();
  const clock = testClock();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: 'test-secret-of-at-least-32-characters-0123456789' });`,
      replace: `  const clock = testClock();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: 'test-secret-of-at-least-32-characters-0123456789' });
  // The same database as npm run dev: migrated already, and the tests make unique names anyway.
  const db = await openDatabase(config.database);
  await migrate(db);
  const fresh: FreshDatabase = { db, drop: () => db.close() };`,
    },
    {
      file: 'vitest.config.ts',
      find: "    pool: 'forks',",
      replace: "    pool: 'forks',\n    // The files share the database: side by side they migrated it twice at once.\n    fileParallelism: false,",
    },
  ],
} satisfies WrongSubmission;
