import type { WrongSubmission } from '../types.js';

// The url logged as it came: a token in the query string lands in the logs.
export default {
  description: "the request line logs the url with its query values",
  caughtBy: "no log line holds a secret: not a password sent, not a token or an Authorization header, not a password hash, not JWT_SECRET, METRICS_TOKEN or the database password",
  edits: [
    { file: "src/http/request-logger.ts", find: "        url: loggableUrl(req.originalUrl),", replace: "        url: req.originalUrl," },
  ],
} satisfies WrongSubmission;
