import type { WrongSubmission } from '../types.js';

export default {
  description: "the registration limit is checked first and counted after the look-up of taken emails (an await in between): 30 registrations sent at once all pass the check before any is counted",
  caughtBy: 'the 21st registration from one client within 15 minutes answers 429 with a Retry-After header, whether or not it would have succeeded',
  edits: [
    {
      file: 'src/auth/rate-limit.ts',
      find: '  /** Forgets every attempt of `key`. */\n  reset(key: string): void;\n}',
      replace: '  /** Forgets every attempt of `key`. */\n  reset(key: string): void;\n  /** The seconds `key` must wait (0: it may try), counting nothing. */\n  waitFor(key: string): number;\n}',
    },
    {
      file: 'src/auth/rate-limit.ts',
      find: '    reset(key) {\n      attempts.delete(key);\n    },',
      replace: '    reset(key) {\n      attempts.delete(key);\n    },\n    waitFor(key) {\n      const now = clock().getTime();\n      const entry = current(key, now);\n      return entry && entry.count >= max ? Math.max(1, Math.ceil((entry.windowEnds - now) / 1000)) : 0;\n    },',
    },
    {
      file: 'src/users/users.service.ts',
      find: '      const wait = registrations.take(client);\n      if (wait > 0) throw new TooManyRequestsError(wait, { registration: [\'too many accounts from this address; try again later\'] });\n      await checkTaken(errors, { email, username });\n',
      replace: '      const wait = registrations.waitFor(client);\n      if (wait > 0) throw new TooManyRequestsError(wait, { registration: [\'too many accounts from this address; try again later\'] });\n      await checkTaken(errors, { email, username });\n      registrations.take(client);\n',
    },
  ],
} satisfies WrongSubmission;
