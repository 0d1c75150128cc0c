import type { WrongSubmission } from '../types.js';

export default {
  description: 'server.ts prints the whole ConfigError object, stack trace and all, instead of its message',
  caughtBy: 'PORT must be a whole number from 0 to 65535: other values stop the server with a message naming PORT, not a stack trace',
  edits: [{ file: 'src/server.ts', find: '      console.error(err.message);', replace: '      console.error(err);' }],
} satisfies WrongSubmission;
