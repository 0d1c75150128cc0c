import type { WrongSubmission } from '../types.js';

export default {
  description: "requireAuth does not handle a token whose user was deleted: reading its version throws, a 500",
  caughtBy: "a good token's user is read from the database on every request: deleted, the token answers 401; renamed, GET /api/user shows the new name",
  edits: [
    { file: "src/auth/middleware.ts", find: "    if (!user) throw new UnauthorizedError({ token: ['is invalid'] });\n", replace: "" },
  ],
} satisfies WrongSubmission;
