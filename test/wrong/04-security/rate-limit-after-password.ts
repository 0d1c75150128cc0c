import type { WrongSubmission } from '../types.js';

export default {
  description: 'the limit is only checked after a wrong password: a guesser who is limited still gets in with the right one',
  caughtBy: 'repeated failed logins get 429 with a Retry-After header, even for the right password',
  edits: [
    {
      file: 'src/users/users.service.ts',
      find: '      const wait = loginAttempts.take(key);\n      if (wait > 0) clientLogins.giveBack(client);\n      if (wait > 0) throw new TooManyRequestsError(wait);\n',
      replace: '',
    },
    {
      file: 'src/users/users.service.ts',
      find: '      if (!user || !ok) {\n',
      replace: '      if (!user || !ok) {\n        const wait = loginAttempts.take(key);\n        if (wait > 0) throw new TooManyRequestsError(wait);\n',
    },
  ],
} satisfies WrongSubmission;
