import type { WrongSubmission } from '../types.js';

export default {
  description: 'there is no dev script: the server is started by hand and restarted by hand',
  caughtBy: 'npm run dev runs src/server.ts and restarts it on every save',
  edits: [{ file: 'package.json', find: '"dev": "tsx watch src/server.ts",\n    ', replace: '' }],
} satisfies WrongSubmission;
