import type { WrongSubmission } from '../types.js';

export default {
  description: 'tokens are signed with a secret written in the code instead of config.jwtSecret from the environment',
  caughtBy: 'tokens are JWTs signed with config.jwtSecret (HS256) that name their user in sub and expire: an exp claim within the configured hour',
  edits: [
    {
      file: 'src/app.ts',
      find: 'createTokenService({ secret: config.jwtSecret,',
      replace: "createTokenService({ secret: 'my-super-secret-key-for-conduit-tokens',",
    },
  ],
} satisfies WrongSubmission;
