import type { WrongSubmission } from '../types.js';

// The deadline written in the code: SHUTDOWN_TIMEOUT_MS is validated, then ignored.
export default {
  description: "the drain's deadline is a fixed 10 s, whatever SHUTDOWN_TIMEOUT_MS says",
  caughtBy: "the drain waits as long as SHUTDOWN_TIMEOUT_MS allows (30 s: still running 12 s after SIGTERM, with a request in flight), and a second signal (SIGINT) then stops the server at once with a non-zero code",
  edits: [
    { file: "src/server.ts", find: "did not finish within SHUTDOWN_TIMEOUT_MS (${timeoutMs} ms)`), timeoutMs);", replace: "did not finish within SHUTDOWN_TIMEOUT_MS (${timeoutMs} ms)`), 10_000);" },
  ],
} satisfies WrongSubmission;
