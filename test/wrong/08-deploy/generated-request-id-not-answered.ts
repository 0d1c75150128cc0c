import type { WrongSubmission } from '../types.js';

// The id is echoed when the client sent one, but a generated id stays in the logs only: the user
// who saw an error has nothing to quote to support.
export default {
  description: "X-Request-Id is answered only when the request carried one; a generated id is never sent back",
  caughtBy: "every line a request logs carries its reqId (the X-Request-Id sent, or a generated one answered in the X-Request-Id header), and each request ends with one line holding its method, url, status and responseTime",
  edits: [
    { file: "src/http/request-id.ts", find: "    res.set('X-Request-Id', req.id);", replace: "    if (incoming) res.set('X-Request-Id', req.id);" },
  ],
} satisfies WrongSubmission;
