import type { WrongSubmission } from '../types.js';

export default {
  description: 'the build script is tsc src/server.ts: given a file name, tsc ignores tsconfig.json and writes src/server.js next to the source, not dist/server.js',
  caughtBy: 'the typecheck, build and start scripts run tsc --noEmit, tsc and node dist/server.js',
  edits: [{ file: 'package.json', find: '"build": "tsc",', replace: '"build": "tsc src/server.ts",' }],
} satisfies WrongSubmission;
