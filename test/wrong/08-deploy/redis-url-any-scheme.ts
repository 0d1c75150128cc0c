import type { WrongSubmission } from '../types.js';

// Only "does it parse as a URL" is checked: http://… is accepted, and the client fails later, in production.
export default {
  description: "REDIS_URL is accepted whatever its scheme, as long as it parses as a URL",
  caughtBy: "a REDIS_URL that is not a redis:// or rediss:// URL with a host (127.0.0.1:6379, http://127.0.0.1:6379, redis://) stops the server at start-up, naming REDIS_URL",
  edits: [
    { file: "src/config.ts", find: "  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '') {", replace: "  if (!url) {" },
  ],
} satisfies WrongSubmission;
