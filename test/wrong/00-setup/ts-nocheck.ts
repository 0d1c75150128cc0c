import type { WrongSubmission } from '../types.js';

export default {
  description: 'src/server.ts starts with // @ts-nocheck, so tsc never reports its type errors',
  caughtBy: 'the project type-checks with no errors (npx tsc --noEmit)',
  edits: [{ file: 'src/server.ts', find: "// Loads .env into process.env.", replace: "// @ts-nocheck\n// Loads .env into process.env." }],
} satisfies WrongSubmission;
