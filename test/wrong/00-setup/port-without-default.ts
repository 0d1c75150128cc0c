import type { WrongSubmission } from '../types.js';

export default {
  description: 'PORT is passed to listen() as it is: with no PORT anywhere, listen(undefined) picks a random port instead of 3000',
  caughtBy: 'with no PORT in .env or in the environment, the server listens on 3000 and logs that URL',
  edits: [
    { file: 'src/server.ts', find: 'const port = Number(process.env.PORT ?? 3000);', replace: 'const port = process.env.PORT;' },
  ],
} satisfies WrongSubmission;
