import type { WrongSubmission } from '../types.js';

export default {
  description: "a successful login resets the client's count of failures (instead of giving back its own attempt): one account of their own lets an address try 49 more emails after each success",
  caughtBy: '50 failed logins from one client for 50 different emails answer 401, the 51st answers 429, and successful logins do not count',
  edits: [
    {
      file: 'src/users/users.service.ts',
      find: '      loginAttempts.reset(key);\n      clientLogins.giveBack(client);',
      replace: '      loginAttempts.reset(key);\n      clientLogins.reset(client);',
    },
  ],
} satisfies WrongSubmission;
