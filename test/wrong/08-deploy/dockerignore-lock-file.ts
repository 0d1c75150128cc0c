import type { WrongSubmission } from '../types.js';

// "Keep the context small": the lock file left out, and npm ci in the image has nothing to install from.
export default {
  description: ".dockerignore lists package-lock.json",
  caughtBy: ".dockerignore keeps node_modules, dist, .env, .data, *.sqlite, test, .git and coverage out of the build context, and not the files the build needs",
  edits: [
    { file: ".dockerignore", find: "node_modules\n", replace: "node_modules\npackage-lock.json\n" },
  ],
} satisfies WrongSubmission;
