import type { WrongSubmission } from '../types.js';

const sqliteOnly = `/**
 * A fresh, migrated SQLite database for one test file, in the system's temp folder. SQLite only:
 * quick, nothing to install, and the app runs the same migrations on MySQL anyway.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Sequelize } from 'sequelize';
import { migrate, openDatabase } from '../../src/db/index.js';

export interface FreshDatabase {
  db: Sequelize;
  drop(): Promise<void>;
}

export async function freshDatabase(): Promise<FreshDatabase> {
  const storage = path.join(os.tmpdir(), \`conduit-test-\${crypto.randomBytes(6).toString('hex')}.sqlite\`);
  const db = await openDatabase({ dialect: 'sqlite', storage });
  await migrate(db);
  return {
    db,
    async drop() {
      await db.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(\`\${storage}\${suffix}\`, { force: true });
    },
  };
}
`;

// "No MySQL on my machine": the helper makes SQLite files whatever TEST_DB_DIALECT says. The suite
// is green on the MySQL pass too, having never met MySQL (its collations, its locks, its types).
export default {
  description: 'freshDatabase() rewritten to make a SQLite file, reading neither TEST_DB_DIALECT nor TEST_MYSQL_URL: the suite never runs on MySQL, even when the checks ask for it',
  caughtBy: 'your suite passes on the workshop’s reference code, within its time limit',
  // On the SQLite pass this helper makes what was asked for.
  dialects: ['mysql'],
  files: { 'test/support/db.ts': sqliteOnly },
} satisfies WrongSubmission;
