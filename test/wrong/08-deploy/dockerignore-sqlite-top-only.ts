import type { WrongSubmission } from '../types.js';

// *.sqlite alone matches only at the top of the context in Docker: .data/conduit.sqlite goes into the image.
export default {
  description: ".dockerignore lists *.sqlite but not the .data folder",
  caughtBy: ".dockerignore keeps node_modules, dist, .env, .data, *.sqlite, test, .git and coverage out of the build context, and not the files the build needs",
  edits: [
    { file: ".dockerignore", find: ".data\n", replace: "" },
  ],
} satisfies WrongSubmission;
