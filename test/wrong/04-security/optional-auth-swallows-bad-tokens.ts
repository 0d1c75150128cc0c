import type { WrongSubmission } from '../types.js';

export default {
  description: "optionalAuth treats a bad token like no token: the request goes on anonymously",
  caughtBy: "the routes that read let a request without a token through, and answer 401 to a bad token",
  edits: [
    { file: "src/auth/middleware.ts", find: "    async optionalAuth(req, _res, next) {\n      const found = await identify(req);", replace: "    async optionalAuth(req, _res, next) {\n      const found = await identify(req).catch(() => undefined);" },
  ],
} satisfies WrongSubmission;
