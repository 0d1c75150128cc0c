import type { WrongSubmission } from '../types.js';

// The lesson's snippet listens for SIGTERM only: Ctrl-C, and a second signal, then kill at once.
export default {
  description: "only SIGTERM starts the graceful shutdown; SIGINT (Ctrl-C) still kills the process at once",
  caughtBy: "with SHUTDOWN_TIMEOUT_MS=1000, a request that never finishes does not hold the server: after SIGINT (handled like SIGTERM) it is cut off at the deadline, not before, and the process exits with a non-zero code",
  edits: [
    { file: "src/server.ts", find: "  process.on('SIGINT', shutdown);\n", replace: "" },
  ],
} satisfies WrongSubmission;
