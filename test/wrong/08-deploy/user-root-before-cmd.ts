import type { WrongSubmission } from '../types.js';

// A permission fix after USER node puts root back for the command.
export default {
  description: "the final stage switches to USER node, then back to USER root to fix permissions, and stays root",
  caughtBy: "the final stage sets NODE_ENV=production and runs as a user that is not root (USER node, or another non-root user, before CMD)",
  edits: [
    { file: "Dockerfile", find: "EXPOSE 3000\n", replace: "USER root\nRUN chown -R node:node /app\nEXPOSE 3000\n" },
  ],
} satisfies WrongSubmission;
