import type { WrongSubmission } from '../types.js';

export default {
  description: 'the dev script runs the server once with tsx, without watch: saving changes nothing',
  caughtBy: 'npm run dev runs src/server.ts and restarts it on every save',
  edits: [{ file: 'package.json', find: '"dev": "tsx watch src/server.ts"', replace: '"dev": "tsx src/server.ts"' }],
} satisfies WrongSubmission;
