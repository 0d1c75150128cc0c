import type { WrongSubmission } from '../types.js';

// The pool closed first, "to be clean": the requests still in flight fail on a closed database.
export default {
  description: "the shutdown closes the database before the requests in flight are done",
  caughtBy: "on SIGTERM the server refuses new connections, answers readiness with 503 \"shutting down\" on a connection still open, answers the requests in flight normally with Connection: close (401, 200, 422: never a reset), closes an idle keep-alive connection, logs the start and the end, and exits with code 0 after the last answer",
  edits: [
    { file: "src/server.ts", find: "    const deadline = setTimeout(", replace: "    void db.close();\n    const deadline = setTimeout(" },
  ],
} satisfies WrongSubmission;
