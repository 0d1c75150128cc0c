import type { WrongSubmission } from '../types.js';

// No USER: the app runs as root in the container.
export default {
  description: "the final stage has no USER instruction",
  caughtBy: "the final stage sets NODE_ENV=production and runs as a user that is not root (USER node, or another non-root user, before CMD)",
  edits: [
    { file: "Dockerfile", find: "USER node\n", replace: "" },
  ],
} satisfies WrongSubmission;
