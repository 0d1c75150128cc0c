import type { WrongSubmission } from '../types.js';

export default {
  description: "jwt.verify accepts the whole HMAC family: a token signed with HS512 passes",
  caughtBy: "GET /api/user refuses a forged token with 401: another secret, \"alg\": \"none\", or an edited payload",
  edits: [
    { file: "src/auth/tokens.ts", find: "payload = jwt.verify(token, secret, { algorithms: ['HS256'] });", replace: "payload = jwt.verify(token, secret, { algorithms: ['HS256', 'HS384', 'HS512'] });" },
  ],
} satisfies WrongSubmission;
