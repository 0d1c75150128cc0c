import type { WrongSubmission } from '../types.js';

export default {
  description: "a successful login forgets the failures of every email tried from that client, not only its own: an attacker with an account of their own logs in after every 5 guesses at Ada's password",
  caughtBy: "after 5 failed logins for one email, the 6th attempt answers 429, while another email from the same client still logs in and fails with 401",
  edits: [
    {
      file: 'src/auth/rate-limit.ts',
      find: '  /** Forgets every attempt of `key`. */\n  reset(key: string): void;\n}',
      replace: '  /** Forgets every attempt of `key`. */\n  reset(key: string): void;\n  /** Forgets every attempt of every key that starts with `prefix`. */\n  resetStartingWith(prefix: string): void;\n}',
    },
    {
      file: 'src/auth/rate-limit.ts',
      find: '    reset(key) {\n      attempts.delete(key);\n    },',
      replace: '    reset(key) {\n      attempts.delete(key);\n    },\n    resetStartingWith(prefix) {\n      for (const key of [...attempts.keys()]) if (key.startsWith(prefix)) attempts.delete(key);\n    },',
    },
    {
      file: 'src/users/users.service.ts',
      find: '      loginAttempts.reset(key);\n      clientLogins.giveBack(client);',
      replace: '      loginAttempts.resetStartingWith(`${client}|`);\n      clientLogins.giveBack(client);',
    },
  ],
} satisfies WrongSubmission;
