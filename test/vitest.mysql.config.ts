import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The database steps again, on MySQL/MariaDB: `npm run test:mysql` (CI runs it after `npm test`).
 * WORKSHOP_MYSQL_URL points at the server (default mysql://root@127.0.0.1:3306).
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // Replaced, not merged: only these files touch the database.
    include: ['test/steps.test.ts', 'test/wrong-submissions.test.ts', 'test/variants.test.ts'],
    env: { WORKSHOP_DB_DIALECT: 'mysql', WORKSHOP_DB_STEPS_ONLY: '1' },
  },
});
