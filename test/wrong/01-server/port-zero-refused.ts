import type { WrongSubmission } from '../types.js';

export default {
  description: 'PORT=0 is refused (the range starts at 1), though 0 is valid: it asks the system for any free port',
  caughtBy: 'PORT must be a whole number from 0 to 65535: other values stop the server with a message naming PORT, not a stack trace',
  edits: [{ file: 'src/config.ts', find: 'if (!/^\\d+$/.test(portText) || port > 65535) {', replace: 'if (!/^\\d+$/.test(portText) || port < 1 || port > 65535) {' }],
} satisfies WrongSubmission;
