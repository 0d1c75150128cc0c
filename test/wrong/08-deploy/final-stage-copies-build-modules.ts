import type { WrongSubmission } from '../types.js';

// "Save an install": node_modules copied from the build stage, where npm ci installed the dev dependencies too.
export default {
  description: "the final stage copies node_modules from the build stage instead of installing the production dependencies",
  caughtBy: "the Dockerfile builds in one stage and runs in another: a build stage runs the build, the final stage installs production dependencies only (npm ci, from the folder's own package-lock.json) and copies dist/ from it, and every stage starts from a Node 20 image with an explicit tag",
  edits: [
    { file: "Dockerfile", find: "RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force", replace: "COPY --from=build /app/node_modules ./node_modules" },
  ],
} satisfies WrongSubmission;
