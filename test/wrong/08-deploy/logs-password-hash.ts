import type { WrongSubmission } from '../types.js';

// A debug line left in the login: the stored hash goes to the logs, under a name redact does not know.
export default {
  description: "a failed login logs the stored password hash",
  caughtBy: "no log line holds a secret: not a password sent, not a token or an Authorization header, not a password hash, not JWT_SECRET, METRICS_TOKEN or the database password",
  edits: [
    { file: "src/users/users.service.ts", find: "import { parseFields, parseInput } from '../http/validation.js';\n", replace: "import { parseFields, parseInput } from '../http/validation.js';\nimport { requestLog } from '../http/request-logger.js';\n" },
    { file: "src/users/users.service.ts", find: "        // A failure keeps both attempts counted.\n", replace: "        // A failure keeps both attempts counted.\n        requestLog()?.warn('login failed', { email, stored: user?.passwordHash });\n" },
  ],
} satisfies WrongSubmission;
