import type { WrongSubmission } from '../types.js';

export default {
  description: 'the start script runs src/server.ts with tsx instead of the compiled dist/server.js (production installs have no tsx)',
  caughtBy: 'the typecheck, build and start scripts run tsc --noEmit, tsc and node dist/server.js',
  edits: [{ file: 'package.json', find: '"start": "node dist/server.js"', replace: '"start": "tsx src/server.ts"' }],
} satisfies WrongSubmission;
