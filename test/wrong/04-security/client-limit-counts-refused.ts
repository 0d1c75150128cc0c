import type { WrongSubmission } from '../types.js';

export default {
  description: 'login takes from both limits and answers 429 if either says wait, without giving back what the other took: every attempt refused for a locked email uses up the limit per client, and the client is locked out of every email early',
  caughtBy: '50 failed logins from one client for 50 different emails answer 401, the 51st answers 429, and successful logins do not count',
  edits: [
    {
      file: 'src/users/users.service.ts',
      find: '      const wait = loginAttempts.take(key);\n      if (wait > 0) clientLogins.giveBack(client);\n',
      replace: '      const wait = loginAttempts.take(key);\n',
    },
  ],
} satisfies WrongSubmission;
