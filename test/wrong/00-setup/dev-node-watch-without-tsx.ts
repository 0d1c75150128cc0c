import type { WrongSubmission } from '../types.js';

export default {
  description: 'the dev script is node --watch src/server.ts: Node 20 cannot run a .ts file without tsx',
  caughtBy: 'npm run dev runs src/server.ts and restarts it on every save',
  edits: [{ file: 'package.json', find: '"dev": "tsx watch src/server.ts"', replace: '"dev": "node --watch src/server.ts"' }],
} satisfies WrongSubmission;
