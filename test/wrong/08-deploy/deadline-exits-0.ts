import type { WrongSubmission } from '../types.js';

// Cut-off requests reported as a clean stop: the orchestrator never learns the drain was too short.
export default {
  description: "at the deadline the remaining requests are cut and the process exits 0",
  caughtBy: "with SHUTDOWN_TIMEOUT_MS=1000, a request that never finishes does not hold the server: after SIGINT (handled like SIGTERM) it is cut off at the deadline, not before, and the process exits with a non-zero code",
  edits: [
    { file: "src/server.ts", find: "    server.closeAllConnections();\n    await Promise.allSettled([db.close(), Promise.resolve().then(() => redis?.isOpen && redis.destroy())]);\n    process.exit(1);", replace: "    server.closeAllConnections();\n    await Promise.allSettled([db.close(), Promise.resolve().then(() => redis?.isOpen && redis.destroy())]);\n    process.exit(0);" },
  ],
} satisfies WrongSubmission;
