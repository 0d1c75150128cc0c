import type { WrongSubmission } from '../types.js';

// The request line written through the root logger, not the request's: the one line per request has no reqId.
export default {
  description: "the request logger writes its line through the root logger",
  caughtBy: "every line a request logs carries its reqId (the X-Request-Id sent, or a generated one answered in the X-Request-Id header), and each request ends with one line holding its method, url, status and responseTime",
  edits: [
    { file: "src/http/request-logger.ts", find: "      req.log.info('request', {", replace: "      logger.info('request', {" },
  ],
} satisfies WrongSubmission;
