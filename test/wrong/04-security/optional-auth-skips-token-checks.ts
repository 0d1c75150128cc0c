import type { WrongSubmission } from '../types.js';

export default {
  description: "optionalAuth verifies the signature but not the token's version or whether its user still exists: on the routes that read, a token ended by a password change (or a deleted user's) is taken as anonymous instead of refused",
  caughtBy: 'the routes that read let a request without a token through, and answer 401 to a bad token',
  edits: [
    {
      file: 'src/auth/middleware.ts',
      find: '    async optionalAuth(req, _res, next) {\n      const found = await identify(req);\n      req.user = found?.user;\n      req.token = found?.token;\n      next();',
      replace:
        "    async optionalAuth(req, _res, next) {\n      const header = req.get('Authorization')?.trim();\n      if (header) {\n        const match = SCHEME.exec(header);\n        if (!match) throw new UnauthorizedError({ token: ['must be sent as Authorization: Token <jwt>'] });\n        req.user = await findUser(tokens.verify(match[1]).userId);\n        req.token = req.user ? match[1] : undefined;\n      }\n      next();",
    },
  ],
} satisfies WrongSubmission;
