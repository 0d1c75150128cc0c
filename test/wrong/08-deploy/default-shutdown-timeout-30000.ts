import type { WrongSubmission } from '../types.js';

export default {
  description: "SHUTDOWN_TIMEOUT_MS defaults to 30_000 ms when unset, not 10000",
  caughtBy: "with SHUTDOWN_TIMEOUT_MS unset the deadline is 10 s: a request that never finishes is cut off 10 s after SIGTERM, not before, and the process exits with a non-zero code",
  edits: [{ file: "src/config.ts", find: "export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;", replace: "export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 30_000;" }],
} satisfies WrongSubmission;
