import type { WrongSubmission } from '../types.js';

export default {
  description: 'the login limit is keyed by the email as sent, while the account is looked up by the trimmed, lower-case email: ADA@EXAMPLE.COM, Ada@example.com, … each get 5 more guesses at the same account',
  caughtBy: 'after 5 failed logins for one email, the 6th attempt answers 429, while another email from the same client still logs in and fails with 401',
  edits: [
    {
      file: 'src/users/users.service.ts',
      find: '      const key = `${client}|${email}`;',
      replace: '      const key = `${client}|${String(credentials.email)}`;',
    },
  ],
} satisfies WrongSubmission;
