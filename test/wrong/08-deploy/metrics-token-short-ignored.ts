import type { WrongSubmission } from '../types.js';

// A short token is treated as no token: /metrics is quietly off and nobody learns why.
export default {
  description: "a METRICS_TOKEN that is too short is ignored (as if unset) instead of stopping the server",
  caughtBy: "a METRICS_TOKEN shorter than 24 characters stops the server at start-up, naming METRICS_TOKEN",
  edits: [
    { file: "src/config.ts", find: "    problems.push(`METRICS_TOKEN is too short or has spaces", replace: "    return undefined;\n    // problems.push(`METRICS_TOKEN is too short or has spaces" },
  ],
} satisfies WrongSubmission;
