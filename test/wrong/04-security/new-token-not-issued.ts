import type { WrongSubmission } from '../types.js';

export default {
  description: "PUT /api/user always answers with the token that came, even after a password change ended it",
  caughtBy: "a new password ends every token issued before it, the one that made the change included, and the answer's new token works",
  edits: [
    { file: "src/users/users.handlers.ts", find: "res.json({ user: userJson(updated, updated.tokenVersion === user.tokenVersion ? token : tokens.issue(updated)) });", replace: "res.json({ user: userJson(updated, token) });" },
  ],
} satisfies WrongSubmission;
