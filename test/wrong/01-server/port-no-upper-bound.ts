import type { WrongSubmission } from '../types.js';

export default {
  description: 'PORT is checked for being a whole number of 0 or more, but not against 65535: PORT=65536 reaches listen() and crashes with a stack trace',
  caughtBy: 'PORT must be a whole number from 0 to 65535: other values stop the server with a message naming PORT, not a stack trace',
  edits: [{ file: 'src/config.ts', find: 'if (!/^\\d+$/.test(portText) || port > 65535) {', replace: 'if (!/^\\d+$/.test(portText)) {' }],
} satisfies WrongSubmission;
