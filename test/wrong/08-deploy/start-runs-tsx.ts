import type { WrongSubmission } from '../types.js';

// Production still compiling TypeScript in memory at every start: the image would need tsx and the sources.
export default {
  description: "npm start runs the TypeScript through tsx instead of the compiled dist/server.js",
  caughtBy: "npm run build compiles src/ (without the tests) into dist/ and fails on a type error, and npm start runs node dist/server.js: without tsx or the sources, /health/live answers and a user registers and reads itself back",
  edits: [
    { file: "package.json", find: "\"start\": \"node dist/server.js\",", replace: "\"start\": \"node --import tsx src/server.ts\"," },
  ],
} satisfies WrongSubmission;
