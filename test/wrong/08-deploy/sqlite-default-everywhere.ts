import type { WrongSubmission } from '../types.js';

// The development default kept in production: a container without DB_DIALECT starts on an empty SQLite file inside itself.
export default {
  description: "DB_DIALECT falls back to sqlite whatever NODE_ENV is",
  caughtBy: "outside NODE_ENV=development, DB_DIALECT must be set: with NODE_ENV=production, test or unset and no DB_DIALECT, the server stops naming DB_DIALECT instead of making a SQLite file",
  edits: [
    { file: "src/config.ts", find: "  const dialect = env.DB_DIALECT || (development ? 'sqlite' : undefined);", replace: "  const dialect = env.DB_DIALECT || 'sqlite';" },
  ],
} satisfies WrongSubmission;
