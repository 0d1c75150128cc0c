import type { WrongSubmission } from '../types.js';

// The shell form: /bin/sh is process 1 and never passes SIGTERM on, so docker stop waits 10 s and kills.
export default {
  description: "CMD is written in the shell form",
  caughtBy: "the container starts node dist/server.js in exec form (CMD [\"node\", \"dist/server.js\"]), so SIGTERM reaches node itself, not a shell or npm",
  edits: [
    { file: "Dockerfile", find: "CMD [\"node\", \"dist/server.js\"]", replace: "CMD node dist/server.js" },
  ],
} satisfies WrongSubmission;
