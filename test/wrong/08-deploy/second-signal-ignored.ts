import type { WrongSubmission } from '../types.js';

// Ctrl-C twice does nothing: the only way out is kill -9.
export default {
  description: "a second signal during the drain is ignored",
  caughtBy: "the drain waits as long as SHUTDOWN_TIMEOUT_MS allows (30 s: still running 12 s after SIGTERM, with a request in flight), and a second signal (SIGINT) then stops the server at once with a non-zero code",
  edits: [
    { file: "src/server.ts", find: "    if (started) {\n      void cut(`${signal} again`);\n      return;\n    }", replace: "    if (started) return;" },
  ],
} satisfies WrongSubmission;
