import type { WrongSubmission } from '../types.js';

export default {
  description: 'failures for an email with no account are given back to the per-email limit ("no account to protect"): after 5 failures a registered email answers 429 and an unknown one 401, which tells who has an account',
  caughtBy: 'after 5 failed logins for one email, the 6th attempt answers 429, while another email from the same client still logs in and fails with 401',
  edits: [
    {
      file: 'src/users/users.service.ts',
      find: '      if (!user || !ok) {\n',
      replace: '      if (!user) loginAttempts.giveBack(key);\n      if (!user || !ok) {\n',
    },
  ],
} satisfies WrongSubmission;
