import type { WrongSubmission } from '../types.js';

// INCR without the expiry in the same step: a counter under its limit never expires, and piles up for ever.
export default {
  description: "the Lua script counts with INCR but sets no expiry on a new counter",
  caughtBy: "two instances on one database and one Redis hold one login limit: 5 wrong passwords for one email spread over both answer 401, the next attempt answers 429 with Retry-After on either instance, and every counter in Redis starts with conduit: and expires",
  edits: [
    { file: "src/auth/rate-limit.ts", find: "count = redis.call('INCR', KEYS[1])\nif count == 1 or redis.call('PTTL', KEYS[1]) < 0 then\n  redis.call('PEXPIRE', KEYS[1], ARGV[2])\nend\nreturn 0", replace: "redis.call('INCR', KEYS[1])\nreturn 0" },
  ],
} satisfies WrongSubmission;
