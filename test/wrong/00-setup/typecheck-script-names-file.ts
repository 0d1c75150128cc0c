import type { WrongSubmission } from '../types.js';

export default {
  description: 'the typecheck script is tsc --noEmit src/server.ts: given a file name, tsc ignores tsconfig.json (no strict, no nodenext) and reports errors the project does not have',
  caughtBy: 'the typecheck, build and start scripts run tsc --noEmit, tsc and node dist/server.js',
  edits: [{ file: 'package.json', find: '"typecheck": "tsc --noEmit"', replace: '"typecheck": "tsc --noEmit src/server.ts"' }],
} satisfies WrongSubmission;
