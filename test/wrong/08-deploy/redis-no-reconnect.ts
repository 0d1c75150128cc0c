import type { WrongSubmission } from '../types.js';

// A client that gives up after the first lost connection: Redis comes back, the instance stays unready until someone restarts it.
export default {
  description: "the Redis client never reconnects (reconnectStrategy: false)",
  caughtBy: "with REDIS_URL set and Redis down at start-up, the server still starts: /health/live 200, /health/ready 503, and it becomes ready once Redis answers",
  edits: [
    { file: "src/redis-client.ts", find: "      reconnectStrategy: (retries) => Math.min((retries + 1) * 100, 2000),", replace: "      reconnectStrategy: false," },
  ],
} satisfies WrongSubmission;
