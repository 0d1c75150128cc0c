import type { WrongSubmission } from '../types.js';

// The drain without telling the load balancer: readiness still says ready while the instance shuts down.
export default {
  description: "the shutdown does not turn readiness to 503",
  caughtBy: "on SIGTERM the server refuses new connections, answers readiness with 503 \"shutting down\" on a connection still open, answers the requests in flight normally with Connection: close (401, 200, 422: never a reset), closes an idle keep-alive connection, logs the start and the end, and exits with code 0 after the last answer",
  edits: [
    { file: "src/server.ts", find: "    app.locals.shuttingDown = true;\n", replace: "" },
  ],
} satisfies WrongSubmission;
