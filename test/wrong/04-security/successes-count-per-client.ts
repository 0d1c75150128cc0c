import type { WrongSubmission } from '../types.js';

export default {
  description: "a successful login is never given back to the limit per client: a user who logs in often is locked out like a guesser",
  caughtBy: "50 failed logins from one client for 50 different emails answer 401, the 51st answers 429, and successful logins do not count",
  edits: [
    { file: "src/users/users.service.ts", find: "      loginAttempts.reset(key);\n      clientLogins.giveBack(client);", replace: "      loginAttempts.reset(key);" },
  ],
} satisfies WrongSubmission;
