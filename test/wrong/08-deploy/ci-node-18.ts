import type { WrongSubmission } from '../types.js';

// CI on another Node than production.
export default {
  description: "the CI workflow sets up Node 18",
  caughtBy: "a workflow in .github/workflows runs on every push and pull request: checkout, Node 20 or later with the npm cache, npm ci, the build, then the tests, with MySQL and Redis as services of the job",
  edits: [
    { file: ".github/workflows/ci.yml", find: "          node-version: 20", replace: "          node-version: 18" },
  ],
} satisfies WrongSubmission;
