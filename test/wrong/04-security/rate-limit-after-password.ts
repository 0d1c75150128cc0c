import type { WrongSubmission } from '../types.js';

export default {
  description: 'the limit is only checked after a wrong password: a guesser who is limited still gets in with the right one',
  caughtBy: 'repeated failed logins get 429 with a Retry-After header, even for the right password',
  edits: [
    {
      file: 'src/users/users.service.ts',
      find: '      const wait = loginAttempts.retryAfter(key);\n      if (wait > 0) throw new TooManyRequestsError(wait);\n',
      replace: '',
    },
    {
      file: 'src/users/users.service.ts',
      find: '        loginAttempts.fail(key);\n',
      replace: '        loginAttempts.fail(key);\n        const wait = loginAttempts.retryAfter(key);\n        if (wait > 0) throw new TooManyRequestsError(wait);\n',
    },
  ],
} satisfies WrongSubmission;
