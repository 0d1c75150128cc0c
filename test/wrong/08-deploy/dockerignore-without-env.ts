import type { WrongSubmission } from '../types.js';

// No .env in .dockerignore: COPY of the folder takes the secrets along.
export default {
  description: ".dockerignore does not list .env",
  caughtBy: ".dockerignore keeps node_modules, dist, .env, .data, *.sqlite, test, .git and coverage out of the build context, and not the files the build needs",
  edits: [
    { file: ".dockerignore", find: ".env\n.env.*\n!.env.example\n", replace: "" },
  ],
} satisfies WrongSubmission;
