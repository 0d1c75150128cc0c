import type { WrongSubmission } from '../types.js';

export default {
  description: 'the build script is tsc --noEmit, so npm run build checks the types and builds nothing',
  caughtBy: 'the typecheck, build and start scripts run tsc --noEmit, tsc and node dist/server.js',
  edits: [{ file: 'package.json', find: '"build": "tsc"', replace: '"build": "tsc --noEmit"' }],
} satisfies WrongSubmission;
