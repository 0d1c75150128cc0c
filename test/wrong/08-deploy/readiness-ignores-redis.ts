import type { WrongSubmission } from '../types.js';

// Readiness checks one dependency and forgets the other.
export default {
  description: "GET /health/ready reports Redis ok without asking it",
  caughtBy: "with REDIS_URL set, /health/ready follows Redis: 503 with checks.redis \"unavailable\" while Redis cannot be reached or holds its answer past the probe's 1 s, 200 again when it is back, in the same process, while /health/live and the API that does not need Redis go on answering",
  edits: [
    { file: "src/health/health.routes.ts", find: "      redis ? probe('Redis', () => redis.sendCommand(['PING'], { timeout: DEPENDENCY_TIMEOUT_MS })) : undefined,", replace: "      redis ? Promise.resolve<Verdict>('ok') : undefined," },
  ],
} satisfies WrongSubmission;
