import type { WrongSubmission } from '../types.js';

export default {
  description: "requireAuth never compares the token's version with the user's: tokens issued before a password change keep working",
  caughtBy: "a new password ends every token issued before it, the one that made the change included, and the answer's new token works",
  edits: [
    { file: "src/auth/middleware.ts", find: "    if (user.tokenVersion !== tokenVersion) throw new UnauthorizedError({ token: ['is no longer valid: log in again'] });\n", replace: "" },
  ],
} satisfies WrongSubmission;
