import type { WrongSubmission } from '../types.js';

export default {
  description: 'server.ts prints the configuration problems and calls process.exit() with no code: the exit code is 0, so a deploy script thinks it started',
  caughtBy: 'PORT must be a whole number from 0 to 65535: other values stop the server with a message naming PORT, not a stack trace',
  edits: [{ file: 'src/server.ts', find: '      console.error(err.message);\n      process.exit(1);', replace: '      console.error(err.message);\n      process.exit();' }],
} satisfies WrongSubmission;
