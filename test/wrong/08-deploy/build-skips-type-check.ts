import type { WrongSubmission } from '../types.js';

// "It builds faster": --noCheck emits JavaScript without type-checking, so a type error reaches production.
export default {
  description: "the build script passes --noCheck, so a type error no longer fails the build",
  caughtBy: "npm run build compiles src/ (without the tests) into dist/ and fails on a type error, and npm start runs node dist/server.js: without tsx or the sources, /health/live answers and a user registers and reads itself back",
  edits: [
    { file: "package.json", find: "\"build\": \"tsc -p tsconfig.build.json\",", replace: "\"build\": \"tsc -p tsconfig.build.json --noCheck\"," },
  ],
} satisfies WrongSubmission;
