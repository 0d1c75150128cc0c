import type { WrongSubmission } from '../types.js';

// parseInt("1500.5") is 1500: the mistake in the variable is hidden.
export default {
  description: "SHUTDOWN_TIMEOUT_MS is read with parseInt, so 1500.5 is accepted as 1500",
  caughtBy: "SHUTDOWN_TIMEOUT_MS must be a whole number from 1000 to 120000: 999, 120001 and 1500.5 each stop the server, naming SHUTDOWN_TIMEOUT_MS",
  edits: [
    { file: "src/config.ts", find: "  const n = Number(value);\n  if (!/^\\d+$/.test(value) || n < min || n > max) {", replace: "  const n = parseInt(value, 10);\n  if (Number.isNaN(n) || n < min || n > max) {" },
  ],
} satisfies WrongSubmission;
