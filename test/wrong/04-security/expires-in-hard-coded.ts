import type { WrongSubmission } from '../types.js';

export default {
  description: "tokens expire after a hard-coded '1h' instead of config.jwtExpiresIn: JWT_EXPIRES_IN=15m changes nothing",
  caughtBy: 'tokens are JWTs signed with config.jwtSecret (HS256) that name their user in sub and expire: an exp claim within the configured hour',
  edits: [
    {
      file: 'src/app.ts',
      find: 'createTokenService({ secret: config.jwtSecret, expiresIn: config.jwtExpiresIn })',
      replace: "createTokenService({ secret: config.jwtSecret, expiresIn: '1h' })",
    },
  ],
} satisfies WrongSubmission;
