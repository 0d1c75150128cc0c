import type { WrongSubmission } from '../types.js';

export default {
  description: "what jwt.verify throws is not caught: a malformed token becomes a 500 instead of a 401",
  caughtBy: 'GET /api/user without a token, or with a malformed Authorization header, answers 401 in the error envelope',
  edits: [
    {
      file: 'src/auth/tokens.ts',
      find: "      let payload: string | jwt.JwtPayload;\n      try {\n        // verify, never decode: decode reads any token, forged or not. Pinning the algorithm\n        // refuses \"alg\": \"none\" and any other algorithm an attacker might pick for us.\n        payload = jwt.verify(token, secret, { algorithms: ['HS256'] });\n      } catch (err) {\n        throw new UnauthorizedError({ token: [err instanceof jwt.TokenExpiredError ? 'has expired' : 'is invalid'] });\n      }\n",
      replace: "      const payload = jwt.verify(token, secret, { algorithms: ['HS256'] });\n",
    },
  ],
} satisfies WrongSubmission;
