import type { WrongSubmission } from '../types.js';

export default {
  description: "a MySQL transaction rolled back to break a deadlock is not run again: the request fails",
  caughtBy: "a burst of updates replacing the tags of the same articles all succeed, each article ending with the tags of one of them",
  dialects: ["mysql"],
  edits: [
    { file: "src/db/index.ts", find: "  if (config.dialect === 'sqlite') oneWriterAtATime(sequelize);\n  else retryDeadlocks(sequelize);", replace: "  if (config.dialect === 'sqlite') oneWriterAtATime(sequelize);" },
  ],
} satisfies WrongSubmission;
