import type { WrongSubmission } from '../types.js';

export default {
  description: "the limit is asked first and a failure counted after the password check: 50 guesses sent at once all get checked",
  caughtBy: "50 wrong passwords for one email sent at the same moment get at most 5 answers 401, and 429 for all the others",
  edits: [
    { file: "src/users/users.service.ts", find: "      const wait = loginAttempts.take(key);\n      if (wait > 0) clientLogins.giveBack(client);\n", replace: "      // Over the limit? Only asked here; the failure is counted once the password turned out wrong.\n      const wait = loginAttempts.take(key);\n      if (wait === 0) loginAttempts.giveBack(key);\n      if (wait > 0) clientLogins.giveBack(client);\n" },
    { file: "src/users/users.service.ts", find: "        // A failure keeps both attempts counted.\n        throw new UnauthorizedError(BAD_CREDENTIALS);", replace: "        loginAttempts.take(key);\n        throw new UnauthorizedError(BAD_CREDENTIALS);" },
  ],
} satisfies WrongSubmission;
