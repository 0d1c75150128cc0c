import type { WrongSubmission } from '../types.js';

// CI runs the tests through tsx and never the build: a type error reaches main.
export default {
  description: "the CI workflow does not run npm run build",
  caughtBy: "a workflow in .github/workflows runs on every push and pull request: checkout, Node 20 or later with the npm cache, npm ci, the build, then the tests, with MySQL and Redis as services of the job",
  edits: [
    { file: ".github/workflows/ci.yml", find: "      - run: npm run build\n", replace: "" },
  ],
} satisfies WrongSubmission;
