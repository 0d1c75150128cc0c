import type { WrongSubmission } from '../types.js';

// A boundary off by one the other way: exactly 24 characters is refused.
export default {
  description: "METRICS_TOKEN must be longer than 24 characters",
  caughtBy: "values at the edges start the server: SHUTDOWN_TIMEOUT_MS=1000 with a METRICS_TOKEN of exactly 24 characters, and SHUTDOWN_TIMEOUT_MS=120000 under NODE_ENV=test with DB_DIALECT set and a rediss:// REDIS_URL (TLS, as managed Redis services require)",
  edits: [
    { file: "src/config.ts", find: "  if (token.length < MIN_METRICS_TOKEN_LENGTH || /\\s/.test(token)) {", replace: "  if (token.length <= MIN_METRICS_TOKEN_LENGTH || /\\s/.test(token)) {" },
  ],
} satisfies WrongSubmission;
