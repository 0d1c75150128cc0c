import type { WrongSubmission } from '../types.js';

// npm start as the command: npm stands between Docker's SIGTERM and node.
export default {
  description: "the container starts with npm start",
  caughtBy: "the container starts node dist/server.js in exec form (CMD [\"node\", \"dist/server.js\"]), so SIGTERM reaches node itself, not a shell or npm",
  edits: [
    { file: "Dockerfile", find: "CMD [\"node\", \"dist/server.js\"]", replace: "CMD [\"npm\", \"start\"]" },
  ],
} satisfies WrongSubmission;
