import type { WrongSubmission } from '../types.js';

export default {
  description: 'PUT /api/user stores a new email exactly as sent, while login looks emails up in lower case: after changing the email to Ada.New@Example.com, logging in with it fails',
  caughtBy: "PUT /api/user changes the caller's fields, accepts their own current email, and answers 422 for another user's email or username",
  edits: [
    {
      file: 'src/users/users.service.ts',
      find: '      if (fields.email !== undefined) changes.email = readEmail(errors, fields.email);',
      replace: "      if (fields.email !== undefined && readEmail(errors, fields.email) !== undefined) changes.email = String(fields.email);",
    },
  ],
} satisfies WrongSubmission;
