import type { WrongSubmission } from '../types.js';

export default {
  description: 'the typecheck script is plain tsc: it writes dist/ every time instead of only checking',
  caughtBy: 'the typecheck, build and start scripts run tsc --noEmit, tsc and node dist/server.js',
  edits: [{ file: 'package.json', find: '"typecheck": "tsc --noEmit"', replace: '"typecheck": "tsc"' }],
} satisfies WrongSubmission;
