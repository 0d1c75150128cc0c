import type { WrongSubmission } from '../types.js';

// The in-memory limiter behind two instances: each counts the attempts it sees, and a guesser alternating between them gets twice the tries.
export default {
  description: "the login limits stay in process memory even with REDIS_URL set",
  caughtBy: "two instances on one database and one Redis hold one login limit: 5 wrong passwords for one email spread over both answer 401, the next attempt answers 429 with Retry-After on either instance, and every counter in Redis starts with conduit: and expires",
  edits: [
    { file: "src/app.ts", find: "    redis ? createRedisAttemptLimiter(redis, `conduit:${name}`, limits) : createAttemptLimiter(limits, clock);", replace: "    createAttemptLimiter(limits, clock);" },
  ],
} satisfies WrongSubmission;
