import type { WrongSubmission } from '../types.js';

export default {
  description: 'only "Bearer <jwt>" is accepted, not Conduit\'s "Token <jwt>"',
  caughtBy: 'GET /api/user answers the token\'s user, whether the token comes as "Token <jwt>" or "Bearer <jwt>"',
  edits: [{ file: 'src/auth/middleware.ts', find: 'const SCHEME = /^(?:Token|Bearer) +(\\S+)$/i;', replace: 'const SCHEME = /^Bearer +(\\S+)$/i;' }],
} satisfies WrongSubmission;
