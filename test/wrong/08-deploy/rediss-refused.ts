import type { WrongSubmission } from '../types.js';

// Managed Redis (ElastiCache, Azure) is rediss:// only: the server would refuse to start in the cloud.
export default {
  description: "REDIS_URL must start with redis://: a rediss:// (TLS) URL is refused",
  caughtBy: "values at the edges start the server: SHUTDOWN_TIMEOUT_MS=1000 with a METRICS_TOKEN of exactly 24 characters, and SHUTDOWN_TIMEOUT_MS=120000 under NODE_ENV=test with DB_DIALECT set and a rediss:// REDIS_URL (TLS, as managed Redis services require)",
  edits: [
    { file: "src/config.ts", find: "(url.protocol !== 'redis:' && url.protocol !== 'rediss:')", replace: "url.protocol !== 'redis:'" },
  ],
} satisfies WrongSubmission;
