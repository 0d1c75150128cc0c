import type { WrongSubmission } from '../types.js';

// A container started without NODE_ENV opens an empty SQLite file beside its code.
export default {
  description: "with NODE_ENV unset, DB_DIALECT falls back to sqlite (the missing NODE_ENV is taken as development for the database)",
  caughtBy: "outside NODE_ENV=development, DB_DIALECT must be set: with NODE_ENV=production, test or unset and no DB_DIALECT, the server stops naming DB_DIALECT instead of making a SQLite file",
  edits: [
    { file: "src/config.ts", find: "  const development = nodeEnv === 'development';\n  const dialect", replace: "  const development = (env.NODE_ENV ?? 'development') === 'development';\n  const dialect" },
  ],
} satisfies WrongSubmission;
