import type { WrongSubmission } from '../types.js';

export default {
  description: 'registration stores the email trimmed and in lower case, but login looks it up exactly as sent: whoever registered as " Ada@Example.com" cannot log in with what they registered with',
  caughtBy: 'POST /api/users/login answers 200 with the user and a working token, and 422 without an email or a password',
  edits: [
    {
      file: 'src/users/users.service.ts',
      find: "      const email = readEmail(errors, credentials.email, { format: false });",
      replace: "      const email = readString(errors, 'email', credentials.email);",
    },
  ],
} satisfies WrongSubmission;
