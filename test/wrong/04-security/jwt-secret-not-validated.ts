import type { WrongSubmission } from '../types.js';

export default {
  description: 'JWT_SECRET is never validated: in production without one, the server signs tokens with the public development secret',
  caughtBy: 'with NODE_ENV=production and no JWT_SECRET, the server stops at start-up with a message naming JWT_SECRET, not a stack trace',
  edits: [
    {
      file: 'src/config.ts',
      find: "  const secret = env.JWT_SECRET ?? '';\n  if (secret === '' && nodeEnv === 'development') return DEV_JWT_SECRET;",
      replace: "  const secret = env.JWT_SECRET ?? '';\n  if (secret === '') return DEV_JWT_SECRET;",
    },
  ],
} satisfies WrongSubmission;
