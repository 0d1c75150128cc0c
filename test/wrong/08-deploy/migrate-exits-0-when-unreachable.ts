import type { WrongSubmission } from '../types.js';

// A job that reports success when it did nothing: the deploy goes on and the apps start on a schema that was never migrated.
export default {
  description: "npm run migrate prints why it cannot reach the database, then exits 0",
  caughtBy: "npm run migrate runs the compiled migrations from any folder: node dist/db/migrate.js migrates an empty database, a second run changes nothing, and an unreachable database stops it with a non-zero exit and one line that says why",
  edits: [
    { file: "src/db/migrate.ts", find: "    console.error(`migrate: cannot reach the database (${where}): ${oneLine(err)}`);\n    return 1;", replace: "    console.error(`migrate: cannot reach the database (${where}): ${oneLine(err)}`);\n    return 0;" },
  ],
} satisfies WrongSubmission;
