import type { WrongSubmission } from '../types.js';

export default {
  description: "login checks the email for NUL and broken Unicode but hands any password to bcrypt, which stops reading at a NUL",
  caughtBy: "a NUL character or broken Unicode in a username, email or password answers 422 naming the field: registering, logging in and PUT /api/user",
  edits: [
    { file: "src/users/users.service.ts", find: "      else if (UNSTORABLE.test(password)) addError(errors, 'password', UNSTORABLE_MESSAGE);\n", replace: "" },
  ],
} satisfies WrongSubmission;
