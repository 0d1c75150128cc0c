import type { WrongSubmission } from '../types.js';

// The server waits for Redis before it listens: with Redis down at start-up, it never answers even /health/live.
export default {
  description: "server.ts waits until Redis is ready before it listens",
  caughtBy: "with REDIS_URL set and Redis down at start-up, the server still starts: /health/live 200, /health/ready 503, and it becomes ready once Redis answers",
  edits: [
    { file: "src/server.ts", find: "  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;\n", replace: "  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;\n  if (redis) await new Promise((resolve) => redis.once('ready', resolve));\n" },
  ],
} satisfies WrongSubmission;
