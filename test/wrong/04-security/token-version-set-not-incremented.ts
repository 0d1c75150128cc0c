import type { WrongSubmission } from '../types.js';

export default {
  description: "a password change sets token_version to 1 instead of adding one: the second change ends no token",
  caughtBy: "any sequence of registrations, logins, password changes and article writes by two people: tokens end with a password change, and only the author changes an article",
  edits: [
    { file: "src/users/users.service.ts", find: "{ tokenVersion: db.literal('token_version + 1') as unknown as number }", replace: "{ tokenVersion: 1 }" },
  ],
} satisfies WrongSubmission;
