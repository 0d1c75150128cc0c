import type { WrongSubmission } from '../types.js';

export default {
  description: 'the unexpected error is logged with logger.warn, so an alert on error lines never fires',
  caughtBy: 'an unexpected error is logged in full at error level, with the request id',
  edits: [{ file: 'src/http/error-handler.ts', find: "logger.error('unhandled error', {", replace: "logger.warn('unhandled error', {" }],
} satisfies WrongSubmission;
