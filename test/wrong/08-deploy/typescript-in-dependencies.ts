import type { WrongSubmission } from '../types.js';

// The compiler ends up in every production image.
export default {
  description: "typescript is listed in dependencies instead of devDependencies",
  caughtBy: "package.json lists in \"dependencies\" every package the compiled server imports, at the workshop's versions, and keeps the build and test tools (typescript, tsx, vitest, supertest, @types/*) in \"devDependencies\"",
  edits: [
    { file: "package.json", find: "    \"typescript\": \"~5.9.3\",\n", replace: "" },
    { file: "package.json", find: "\"dependencies\": {\n", replace: "\"dependencies\": {\n    \"typescript\": \"~5.9.3\",\n" },
  ],
} satisfies WrongSubmission;
