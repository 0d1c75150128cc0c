import type { WrongSubmission } from '../types.js';

// One problem at a time: fix, redeploy, meet the next one.
export default {
  description: "loadConfig throws as soon as NODE_ENV is wrong, before looking at the other variables",
  caughtBy: "every problem is reported at once: an unknown NODE_ENV, a malformed REDIS_URL, a short METRICS_TOKEN and an out-of-range SHUTDOWN_TIMEOUT_MS are all named, and the server exits non-zero before listening",
  edits: [
    { file: "src/config.ts", find: "    problems.push(`NODE_ENV must be one of ${ENVIRONMENTS.join(', ')} (got \"${nodeEnv}\")`);\n  }\n\n  // A port is written in decimal digits", replace: "    problems.push(`NODE_ENV must be one of ${ENVIRONMENTS.join(', ')} (got \"${nodeEnv}\")`);\n    throw new ConfigError(problems);\n  }\n\n  // A port is written in decimal digits" },
  ],
} satisfies WrongSubmission;
