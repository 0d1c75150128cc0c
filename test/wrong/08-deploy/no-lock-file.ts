import type { WrongSubmission } from '../types.js';

// No lock file in the folder: npm ci in the image refuses to run.
export default {
  description: "the step folder has no package-lock.json while the Dockerfile runs npm ci",
  caughtBy: "the Dockerfile builds in one stage and runs in another: a build stage runs the build, the final stage installs production dependencies only (npm ci, from the folder's own package-lock.json) and copies dist/ from it, and every stage starts from a Node 20 image with an explicit tag",
  remove: ["package-lock.json"],
} satisfies WrongSubmission;
