import type { WrongSubmission } from '../types.js';

export default {
  description: 'the log line always says http://localhost:3000, whatever port the server really listens on',
  caughtBy: 'src/server.ts reads PORT from .env, answers GET / with a JSON greeting and logs its URL',
  edits: [{ file: 'src/server.ts', find: 'console.log(`Server listening on http://localhost:${port}`);', replace: "console.log('Server listening on http://localhost:3000');" }],
} satisfies WrongSubmission;
