import type { WrongSubmission } from '../types.js';

// No deadline: one client that never finishes its request holds the process until SIGKILL.
export default {
  description: "the drain has no deadline",
  caughtBy: "with SHUTDOWN_TIMEOUT_MS=1000, a request that never finishes does not hold the server: after SIGINT (handled like SIGTERM) it is cut off at the deadline, not before, and the process exits with a non-zero code",
  edits: [
    { file: "src/server.ts", find: "    const deadline = setTimeout(() => void cut(`the requests in flight did not finish within SHUTDOWN_TIMEOUT_MS (${timeoutMs} ms)`), timeoutMs);", replace: "    const deadline = undefined;" },
  ],
} satisfies WrongSubmission;
