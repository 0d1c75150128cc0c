import type { WrongSubmission } from '../types.js';

export default {
  description: 'the list of log levels says "warning" instead of "warn", so LOG_LEVEL=warn (a valid value) stops the server',
  caughtBy: 'PORT must be a whole number from 0 to 65535: other values stop the server with a message naming PORT, not a stack trace',
  edits: [{ file: 'src/config.ts', find: "const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;", replace: "const LOG_LEVELS = ['debug', 'info', 'warning', 'error', 'silent'] as const;" }],
} satisfies WrongSubmission;
