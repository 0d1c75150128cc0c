import type { WrongSubmission } from '../types.js';

// A boundary off by one: 23 characters pass.
export default {
  description: "METRICS_TOKEN is refused only below 23 characters",
  caughtBy: "a METRICS_TOKEN shorter than 24 characters stops the server at start-up, naming METRICS_TOKEN",
  edits: [
    { file: "src/config.ts", find: "  if (token.length < MIN_METRICS_TOKEN_LENGTH || /\\s/.test(token)) {", replace: "  if (token.length < MIN_METRICS_TOKEN_LENGTH - 1 || /\\s/.test(token)) {" },
  ],
} satisfies WrongSubmission;
