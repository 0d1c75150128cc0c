import type { WrongSubmission } from '../types.js';

// A rule kept for production and forgotten for another NODE_ENV.
export default {
  description: "DB_DIALECT falls back to sqlite under NODE_ENV=test as well as development",
  caughtBy: "outside NODE_ENV=development, DB_DIALECT must be set: with NODE_ENV=production, test or unset and no DB_DIALECT, the server stops naming DB_DIALECT instead of making a SQLite file",
  edits: [
    { file: "src/config.ts", find: "  const dialect = env.DB_DIALECT || (development ? 'sqlite' : undefined);", replace: "  const dialect = env.DB_DIALECT || (development || nodeEnv === 'test' ? 'sqlite' : undefined);" },
  ],
} satisfies WrongSubmission;
