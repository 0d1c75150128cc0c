import type { WrongSubmission } from '../types.js';

export default {
  description: 'the limit per client is asked before the password check but counted only after it fails (check-then-act): failures for many emails sent at the same moment all get their password checked',
  caughtBy: '50 failed logins from one client for 50 different emails answer 401, the 51st answers 429, and successful logins do not count',
  edits: [
    {
      file: 'src/users/users.service.ts',
      find: '      const clientWait = clientLogins.take(client);\n      if (clientWait > 0) throw new TooManyRequestsError(clientWait);\n      const wait = loginAttempts.take(key);\n      if (wait > 0) clientLogins.giveBack(client);\n      if (wait > 0) throw new TooManyRequestsError(wait);',
      replace: '      const clientWait = clientLogins.take(client);\n      if (clientWait > 0) throw new TooManyRequestsError(clientWait);\n      clientLogins.giveBack(client);\n      const wait = loginAttempts.take(key);\n      if (wait > 0) throw new TooManyRequestsError(wait);',
    },
    {
      file: 'src/users/users.service.ts',
      find: '        // A failure keeps both attempts counted.\n',
      replace: '        clientLogins.take(client);\n',
    },
    {
      file: 'src/users/users.service.ts',
      find: '      loginAttempts.reset(key);\n      clientLogins.giveBack(client);',
      replace: '      loginAttempts.reset(key);',
    },
  ],
} satisfies WrongSubmission;
