import type { WrongSubmission } from '../types.js';

export default {
  description: 'the URL is logged with process.env.PORT rather than the port in use: with PORT unset the server listens on 3000 and prints http://localhost:undefined',
  caughtBy: 'with no PORT in .env or in the environment, the server listens on 3000 and logs that URL',
  edits: [{ file: 'src/server.ts', find: 'console.log(`Server listening on http://localhost:${port}`);', replace: 'console.log(`Server listening on http://localhost:${process.env.PORT}`);' }],
} satisfies WrongSubmission;
