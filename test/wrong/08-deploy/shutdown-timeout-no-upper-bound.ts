import type { WrongSubmission } from '../types.js';

// Only the lower bound is checked: a deadline of hours is accepted, longer than any orchestrator waits.
export default {
  description: "SHUTDOWN_TIMEOUT_MS has a minimum but no maximum",
  caughtBy: "SHUTDOWN_TIMEOUT_MS must be a whole number from 1000 to 120000: 999, 120001 and 1500.5 each stop the server, naming SHUTDOWN_TIMEOUT_MS",
  edits: [
    { file: "src/config.ts", find: "  if (!/^\\d+$/.test(value) || n < min || n > max) {", replace: "  if (!/^\\d+$/.test(value) || n < min) {" },
  ],
} satisfies WrongSubmission;
