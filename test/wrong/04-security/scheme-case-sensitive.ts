import type { WrongSubmission } from '../types.js';

export default {
  description: "the Authorization scheme must be spelled exactly \"Token\" or \"Bearer\": \"bearer <jwt>\" is refused",
  caughtBy: "the scheme is read whatever its case (\"token\", \"BEARER\"), and a token in the query string is not accepted",
  edits: [
    { file: "src/auth/middleware.ts", find: "const SCHEME = /^(?:Token|Bearer) +(\\S+)$/i;", replace: "const SCHEME = /^(?:Token|Bearer) +(\\S+)$/;" },
  ],
} satisfies WrongSubmission;
