import type { WrongSubmission } from '../types.js';

export default {
  description: "the username column is a plain VARCHAR: SQLite's default and the table's utf8mb4_bin compare case by case, so Ada and ada are two users",
  caughtBy: "usernames are unique whatever the case: once \"ada\" exists, \"Ada\" answers 422 for username, at registration and in PUT /api/user",
  edits: [
    { file: "src/db/migrations/text.ts", find: "return qi.sequelize.getDialect() === 'mysql' ? `VARCHAR(${length}) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci` : `VARCHAR(${length}) COLLATE NOCASE`;", replace: "return `VARCHAR(${length})`;" },
  ],
} satisfies WrongSubmission;
