import type { WrongSubmission } from '../types.js';

// Only the parameter of the lesson's example is redacted.
export default {
  description: "the request line hides ?token= but logs ?access_token= and ?password= as they came",
  caughtBy: "no log line holds a secret: not a password sent, not a token or an Authorization header, not a password hash, not JWT_SECRET, METRICS_TOKEN or the database password",
  edits: [
    { file: "src/http/request-logger.ts", find: "(?:token|access_token|password|secret|key|api_key|signature)", replace: "(?:token)" },
  ],
} satisfies WrongSubmission;
