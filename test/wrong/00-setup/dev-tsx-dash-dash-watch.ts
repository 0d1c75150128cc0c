import type { WrongSubmission } from '../types.js';

export default {
  description: 'the dev script is tsx --watch src/server.ts: tsx\'s watch mode is the subcommand "tsx watch", the flag restarts nothing',
  caughtBy: 'npm run dev runs src/server.ts and restarts it on every save',
  edits: [{ file: 'package.json', find: '"dev": "tsx watch src/server.ts"', replace: '"dev": "tsx --watch src/server.ts"' }],
} satisfies WrongSubmission;
