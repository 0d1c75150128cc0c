import type { WrongSubmission } from '../types.js';

export default {
  description: 'jwt.verify is told to ignore the expiry, so a token stolen once works forever',
  caughtBy: 'GET /api/user refuses an expired token with 401',
  edits: [
    {
      file: 'src/auth/tokens.ts',
      find: "        payload = jwt.verify(token, secret, { algorithms: ['HS256'] });",
      replace: "        payload = jwt.verify(token, secret, { algorithms: ['HS256'], ignoreExpiration: true });",
    },
  ],
} satisfies WrongSubmission;
