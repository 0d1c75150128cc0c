import type { WrongSubmission } from '../types.js';

export default {
  description: 'the dev script is nodemon src/server.ts with nodemon installed but no --exec tsx: nodemon looks for ts-node, which is not there',
  caughtBy: 'npm run dev runs src/server.ts and restarts it on every save',
  edits: [
    { file: 'package.json', find: '"dev": "tsx watch src/server.ts"', replace: '"dev": "nodemon src/server.ts"' },
    { file: 'package.json', find: '    "@types/node": "^20.19.0",\n', replace: '    "@types/node": "^20.19.0",\n    "nodemon": "^3.1.10",\n' },
  ],
} satisfies WrongSubmission;
