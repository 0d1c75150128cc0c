import type { WrongSubmission } from '../types.js';

// A malformed REDIS_URL silently means "no Redis": each instance counts its own limits and nobody notices.
export default {
  description: "a malformed REDIS_URL is ignored (the in-process limits are used) instead of stopping the server",
  caughtBy: "a REDIS_URL that is not a redis:// or rediss:// URL with a host (127.0.0.1:6379, http://127.0.0.1:6379, redis://) stops the server at start-up, naming REDIS_URL",
  edits: [
    { file: "src/config.ts", find: "    problems.push(`REDIS_URL must look like redis://", replace: "    // problems.push(`REDIS_URL must look like redis://" },
  ],
} satisfies WrongSubmission;
