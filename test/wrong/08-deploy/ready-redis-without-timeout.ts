import type { WrongSubmission } from '../types.js';

// The database probe races a timer, the Redis one only awaits PING: a Redis that hangs (packets
// dropped, not refused) holds /health/ready until the balancer's own probe gives up.
export default {
  description: "the readiness probe awaits Redis's PING without a timeout (the database's has one)",
  caughtBy: "with REDIS_URL set, /health/ready follows Redis: 503 with checks.redis \"unavailable\" while Redis cannot be reached or holds its answer past the probe's 1 s, 200 again when it is back, in the same process, while /health/live and the API that does not need Redis go on answering",
  edits: [
    {
      file: "src/health/health.routes.ts",
      find: "      redis ? probe('Redis', () => redis.sendCommand(['PING'], { timeout: DEPENDENCY_TIMEOUT_MS })) : undefined,",
      replace: "      redis ? redis.sendCommand(['PING']).then((): Verdict => 'ok', (): Verdict => 'unavailable') : undefined,",
    },
  ],
} satisfies WrongSubmission;
