import type { WrongSubmission } from '../types.js';

// NODE_ENV=staging runs as if it were production, silently.
export default {
  description: "an unknown NODE_ENV is not reported",
  caughtBy: "every problem is reported at once: an unknown NODE_ENV, a malformed REDIS_URL, a short METRICS_TOKEN and an out-of-range SHUTDOWN_TIMEOUT_MS are all named, and the server exits non-zero before listening",
  edits: [
    { file: "src/config.ts", find: "    problems.push(`NODE_ENV must be one of ${ENVIRONMENTS.join(', ')} (got \"${nodeEnv}\")`);\n  }\n\n  // A port is written in decimal digits", replace: "  }\n\n  const port" },
  ],
} satisfies WrongSubmission;
