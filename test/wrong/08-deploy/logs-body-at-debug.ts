import type { WrongSubmission } from '../types.js';

// Debugging help left in: redact's *.password is one level deep, the body is {user:{password}}.
export default {
  description: "at LOG_LEVEL=debug each request writes a debug line with its parsed body (the password sits two levels down, where redact does not look)",
  caughtBy: "no log line holds a secret: not a password sent, not a token or an Authorization header, not a password hash, not JWT_SECRET, METRICS_TOKEN or the database password",
  edits: [
    { file: "src/http/request-logger.ts", find: "    res.on('finish', () => {\n", replace: "    res.on('finish', () => {\n      req.log.debug('request body', { body: req.body as unknown });\n" },
  ],
} satisfies WrongSubmission;
