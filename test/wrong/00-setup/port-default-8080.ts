import type { WrongSubmission } from '../types.js';

export default {
  description: 'PORT defaults to 8080 instead of 3000',
  caughtBy: 'with no PORT in .env or in the environment, the server listens on 3000',
  edits: [{ file: 'src/server.ts', find: 'const port = Number(process.env.PORT ?? 3000);', replace: 'const port = Number(process.env.PORT ?? 8080);' }],
} satisfies WrongSubmission;
