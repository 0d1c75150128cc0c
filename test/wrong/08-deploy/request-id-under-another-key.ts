import type { WrongSubmission } from '../types.js';

// The id under another name than the one the log queries use.
export default {
  description: "the request's child logger binds the id as requestId instead of reqId",
  caughtBy: "every line a request logs carries its reqId (the X-Request-Id sent, or a generated one answered in the X-Request-Id header), and each request ends with one line holding its method, url, status and responseTime",
  edits: [
    { file: "src/http/request-logger.ts", find: "    req.log = childLogger(logger, { reqId: req.id });", replace: "    req.log = childLogger(logger, { requestId: req.id });" },
  ],
} satisfies WrongSubmission;
