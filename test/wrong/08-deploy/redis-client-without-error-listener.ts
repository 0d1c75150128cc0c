import type { WrongSubmission } from '../types.js';

// An EventEmitter without an 'error' listener: the first lost connection to Redis ends the process.
export default {
  description: "the Redis client has no error listener",
  caughtBy: "with REDIS_URL set, /health/ready follows Redis: 503 with checks.redis \"unavailable\" while Redis cannot be reached or holds its answer past the probe's 1 s, 200 again when it is back, in the same process, while /health/live and the API that does not need Redis go on answering",
  edits: [
    { file: "src/redis-client.ts", find: "  client.on('error', (err: Error) => {\n    // One line when it goes away, not one per reconnection attempt.\n    if (!down) logger.warn('redis is unavailable', { error: err.message });\n    down = true;\n  });\n", replace: "" },
  ],
} satisfies WrongSubmission;
