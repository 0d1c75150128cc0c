import type { WrongSubmission } from '../types.js';

export default {
  description: "openDatabase lets every SQLite transaction open its own connection and race for the file's lock",
  caughtBy: "20 concurrent writes of every kind (creates, updates, comments, deletes) all succeed: no 500, no SQLITE_BUSY",
  dialects: ["sqlite"],
  edits: [
    { file: "src/db/index.ts", find: "  if (config.dialect === 'sqlite') oneWriterAtATime(sequelize);\n  else retryDeadlocks(sequelize);", replace: "  if (config.dialect === 'mysql') retryDeadlocks(sequelize);" },
  ],
} satisfies WrongSubmission;
