import type { WrongSubmission } from '../types.js';

export default {
  description: 'an off-by-one at the top of the range: PORT=65535, which is valid, is refused',
  caughtBy: 'PORT must be a whole number from 0 to 65535: other values stop the server with a message naming PORT, not a stack trace',
  edits: [{ file: 'src/config.ts', find: 'if (!/^\\d+$/.test(portText) || port > 65535) {', replace: 'if (!/^\\d+$/.test(portText) || port >= 65535) {' }],
} satisfies WrongSubmission;
