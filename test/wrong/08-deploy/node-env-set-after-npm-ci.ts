import type { WrongSubmission } from '../types.js';

// NODE_ENV=production makes a plain npm ci leave out the dev dependencies, but only for the RUN
// lines after it: set at the end of the stage, next to CMD, it comes too late for the install.
export default {
  description: "the final stage runs a plain npm ci and sets ENV NODE_ENV=production only afterwards, so the dev dependencies are installed",
  caughtBy: "the Dockerfile builds in one stage and runs in another: a build stage runs the build, the final stage installs production dependencies only (npm ci, from the folder's own package-lock.json) and copies dist/ from it, and every stage starts from a Node 20 image with an explicit tag",
  edits: [
    { file: "Dockerfile", find: "FROM node:20.20.2-bookworm-slim AS runtime\nENV NODE_ENV=production\n", replace: "FROM node:20.20.2-bookworm-slim AS runtime\n" },
    { file: "Dockerfile", find: "RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force", replace: "RUN npm ci --no-audit --no-fund && npm cache clean --force" },
    { file: "Dockerfile", find: "USER node\n", replace: "ENV NODE_ENV=production\nUSER node\n" },
  ],
} satisfies WrongSubmission;
