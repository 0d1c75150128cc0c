import type { WrongSubmission } from '../types.js';

// redis:// parses as a URL with an empty host; the client then quietly connects to localhost.
export default {
  description: "REDIS_URL=redis:// (no host) is accepted: only the scheme is checked",
  caughtBy: "a REDIS_URL that is not a redis:// or rediss:// URL with a host (127.0.0.1:6379, http://127.0.0.1:6379, redis://) stops the server at start-up, naming REDIS_URL",
  edits: [
    { file: "src/config.ts", find: " || url.hostname === '')", replace: ")" },
  ],
} satisfies WrongSubmission;
