import type { WrongSubmission } from '../types.js';

export default {
  description: 'the server logs "Server started" but not the URL it listens on',
  caughtBy: 'src/server.ts reads PORT from .env, answers GET / with a JSON greeting and logs its URL',
  edits: [{ file: 'src/server.ts', find: 'console.log(`Server listening on http://localhost:${port}`);', replace: "console.log('Server started');" }],
} satisfies WrongSubmission;
