import type { WrongSubmission } from '../types.js';

export default {
  description: "PUT /api/user checks uniqueness without leaving out the caller's own row: sending your own email is \"taken\"",
  caughtBy: "PUT /api/user changes the caller's fields, accepts their own current email, and answers 422 for another user's email or username",
  edits: [{ file: 'src/users/users.service.ts', find: '      await checkTaken(errors, changes, current.id);', replace: '      await checkTaken(errors, changes);' }],
} satisfies WrongSubmission;
