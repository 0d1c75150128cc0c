import type { WrongSubmission } from '../types.js';

export default {
  description: "a successful login gives its own attempt back but does not forget the earlier failures",
  caughtBy: "a successful login forgets the failures: after 4 failures and a success, 5 more failures answer 401 before the limit",
  edits: [
    { file: "src/users/users.service.ts", find: "      loginAttempts.reset(key);\n      clientLogins.giveBack(client);", replace: "      loginAttempts.giveBack(key);\n      clientLogins.giveBack(client);" },
  ],
} satisfies WrongSubmission;
