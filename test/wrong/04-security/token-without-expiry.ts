import type { WrongSubmission } from '../types.js';

export default {
  description: 'tokens are signed without expiresIn: they never expire',
  caughtBy: 'tokens are JWTs signed with config.jwtSecret (HS256) that name their user in sub and expire: an exp claim within the configured hour',
  edits: [
    { file: 'src/auth/tokens.ts', find: "        expiresIn: expiresIn as NonNullable<jwt.SignOptions['expiresIn']>,\n", replace: '' },
    { file: 'src/auth/tokens.ts', find: "typeof payload.exp !== 'number' || ", replace: '' },
  ],
} satisfies WrongSubmission;
