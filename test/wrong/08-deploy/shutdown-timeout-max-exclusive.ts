import type { WrongSubmission } from '../types.js';

// The upper bound written with >=: 120000 itself is refused.
export default {
  description: "SHUTDOWN_TIMEOUT_MS=120000 is refused (the range is taken as exclusive)",
  caughtBy: "values at the edges start the server: SHUTDOWN_TIMEOUT_MS=1000 with a METRICS_TOKEN of exactly 24 characters, and SHUTDOWN_TIMEOUT_MS=120000 under NODE_ENV=test with DB_DIALECT set and a rediss:// REDIS_URL (TLS, as managed Redis services require)",
  edits: [
    { file: "src/config.ts", find: "  if (!/^\\d+$/.test(value) || n < min || n > max) {", replace: "  if (!/^\\d+$/.test(value) || n < min || n >= max) {" },
  ],
} satisfies WrongSubmission;
