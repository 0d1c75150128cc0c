import type { WrongSubmission } from '../types.js';

export default {
  description: 'the token is read with jwt.decode, which never checks the signature: anyone can write their own',
  caughtBy: 'GET /api/user refuses a forged token with 401: another secret, "alg": "none", or an edited payload',
  edits: [
    {
      file: 'src/auth/tokens.ts',
      find: "        payload = jwt.verify(token, secret, { algorithms: ['HS256'] });",
      replace: "        payload = jwt.decode(token) ?? '';",
    },
  ],
} satisfies WrongSubmission;
