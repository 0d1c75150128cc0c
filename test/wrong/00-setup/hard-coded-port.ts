import type { WrongSubmission } from '../types.js';

export default {
  description: 'the server always listens on port 3000 and ignores PORT from .env',
  caughtBy: 'src/server.ts reads PORT from .env, answers GET / with a JSON greeting and logs its URL',
  edits: [{ file: 'src/server.ts', find: 'const port = Number(process.env.PORT ?? 3000);', replace: 'const port = 3000;' }],
} satisfies WrongSubmission;
