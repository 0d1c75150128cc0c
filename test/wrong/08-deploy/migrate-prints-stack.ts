import type { WrongSubmission } from '../types.js';

// The reason is buried in a stack trace the operator has to read through.
export default {
  description: "npm run migrate prints the whole stack trace when the database cannot be reached",
  caughtBy: "npm run migrate runs the compiled migrations from any folder: node dist/db/migrate.js migrates an empty database, a second run changes nothing, and an unreachable database stops it with a non-zero exit and one line that says why",
  edits: [
    { file: "src/db/migrate.ts", find: "    console.error(`migrate: cannot reach the database (${where}): ${oneLine(err)}`);", replace: "    console.error(`migrate: cannot reach the database (${where})`, err);" },
  ],
} satisfies WrongSubmission;
