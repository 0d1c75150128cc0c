import type { WrongSubmission } from '../types.js';

// The answers of the drain keep their connections alive: the clients send their next request to a server that is going away.
export default {
  description: "the responses sent during the drain do not say Connection: close",
  caughtBy: "on SIGTERM the server refuses new connections, answers readiness with 503 \"shutting down\" on a connection still open, answers the requests in flight normally with Connection: close (401, 200, 422: never a reset), closes an idle keep-alive connection, logs the start and the end, and exits with code 0 after the last answer",
  edits: [
    { file: "src/server.ts", find: "    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');\n", replace: "" },
    { file: "src/server.ts", find: "    if (app.locals.shuttingDown) res.setHeader('Connection', 'close');\n", replace: "" },
  ],
} satisfies WrongSubmission;
