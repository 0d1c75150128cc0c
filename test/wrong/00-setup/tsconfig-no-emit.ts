import type { WrongSubmission } from '../types.js';

export default {
  description: 'tsconfig.json sets "noEmit": true (copied from a bundler template), so npx tsc builds nothing into dist/',
  caughtBy: "tsconfig.json follows Node's module rules, knows the Node types, and builds src/server.ts into dist/server.js",
  edits: [{ file: 'tsconfig.json', find: '"sourceMap": true', replace: '"sourceMap": true,\n    "noEmit": true' }],
} satisfies WrongSubmission;
