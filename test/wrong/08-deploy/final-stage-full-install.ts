import type { WrongSubmission } from '../types.js';

// Two stages, but the final one installs every dependency again, dev tools included.
export default {
  description: "the final stage runs npm ci without --omit=dev",
  caughtBy: "the Dockerfile builds in one stage and runs in another: a build stage runs the build, the final stage installs production dependencies only and copies dist/ from it, and every stage starts from a Node 20 image with an explicit tag",
  edits: [
    { file: "Dockerfile", find: "RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force", replace: "RUN npm ci --no-audit --no-fund && npm cache clean --force" },
  ],
} satisfies WrongSubmission;
