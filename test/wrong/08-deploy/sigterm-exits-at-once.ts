import type { WrongSubmission } from '../types.js';

// SIGTERM that exits at once: every request in flight is cut off at each deploy.
export default {
  description: "SIGTERM ends the process at once",
  caughtBy: "on SIGTERM the server refuses new connections, answers readiness with 503 \"shutting down\" on a connection still open, answers the requests in flight normally with Connection: close (401, 200, 422: never a reset), closes an idle keep-alive connection, logs the start and the end, and exits with code 0 after the last answer",
  edits: [
    { file: "src/server.ts", find: "  process.on('SIGTERM', shutdown);", replace: "  process.on('SIGTERM', () => process.exit(0));" },
  ],
} satisfies WrongSubmission;
