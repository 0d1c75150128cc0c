import type { WrongSubmission } from '../types.js';

export default {
  description: "the token names its user in a custom claim ({ uid: 3 }) instead of its subject (sub), as the lesson prescribes",
  caughtBy: 'tokens are JWTs signed with config.jwtSecret (HS256) that name their user in sub and expire: an exp claim within the configured hour',
  edits: [
    {
      file: 'src/auth/tokens.ts',
      find: "      return jwt.sign({ ver: user.tokenVersion }, secret, {\n        algorithm: 'HS256',\n        expiresIn: expiresIn as NonNullable<jwt.SignOptions['expiresIn']>,\n        subject: String(user.id),\n      });",
      replace: "      return jwt.sign({ uid: user.id, ver: user.tokenVersion }, secret, {\n        algorithm: 'HS256',\n        expiresIn: expiresIn as NonNullable<jwt.SignOptions['expiresIn']>,\n      });",
    },
    {
      file: 'src/auth/tokens.ts',
      find: "!/^\\d+$/.test(payload.sub ?? '')",
      replace: '!Number.isSafeInteger(payload.uid)',
    },
    {
      file: 'src/auth/tokens.ts',
      find: 'return { userId: Number(payload.sub),',
      replace: 'return { userId: payload.uid as number,',
    },
  ],
} satisfies WrongSubmission;
