import type { WrongSubmission } from '../types.js';

// Keys namespaced per process: Redis is shared, the counters are not.
export default {
  description: "the Redis keys of the limits include the process id",
  caughtBy: "two instances on one database and one Redis hold one login limit: 5 wrong passwords for one email spread over both answer 401, the next attempt answers 429 with Retry-After on either instance, and every counter in Redis starts with conduit: and expires",
  edits: [
    { file: "src/app.ts", find: "    redis ? createRedisAttemptLimiter(redis, `conduit:${name}`, limits) : createAttemptLimiter(limits, clock);", replace: "    redis ? createRedisAttemptLimiter(redis, `conduit:${process.pid}:${name}`, limits) : createAttemptLimiter(limits, clock);" },
  ],
} satisfies WrongSubmission;
