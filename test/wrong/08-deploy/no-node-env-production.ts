import type { WrongSubmission } from '../types.js';

// NODE_ENV unset in the image: the app and its libraries take their development paths.
export default {
  description: "the final stage does not set NODE_ENV=production",
  caughtBy: "the final stage sets NODE_ENV=production and runs as a user that is not root (USER node, or another non-root user, before CMD)",
  edits: [
    { file: "Dockerfile", find: "FROM node:20.20.2-bookworm-slim AS runtime\nENV NODE_ENV=production\n", replace: "FROM node:20.20.2-bookworm-slim AS runtime\n" },
  ],
} satisfies WrongSubmission;
