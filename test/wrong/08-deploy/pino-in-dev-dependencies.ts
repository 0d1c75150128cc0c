import type { WrongSubmission } from '../types.js';

// pino was installed with -D: the compiled server imports it, and npm ci --omit=dev leaves it out of the image.
export default {
  description: "pino is listed in devDependencies, not dependencies",
  caughtBy: "package.json lists in \"dependencies\" every package the compiled server imports, at the workshop's versions, and keeps the build and test tools (typescript, tsx, vitest, supertest, @types/*) in \"devDependencies\"",
  edits: [
    { file: "package.json", find: "    \"pino\": \"^10.4.0\",\n", replace: "" },
    { file: "package.json", find: "\"devDependencies\": {\n", replace: "\"devDependencies\": {\n    \"pino\": \"^10.4.0\",\n" },
  ],
} satisfies WrongSubmission;
