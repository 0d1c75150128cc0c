import type { WrongSubmission } from '../types.js';

export default {
  description: 'the error log entry has the method, path and error but not the request id, so the id in the 500 answer leads nowhere',
  caughtBy: 'an unexpected error is logged in full at error level, with the request id',
  edits: [{ file: 'src/http/error-handler.ts', find: "    logger.error('unhandled error', {\n      requestId: req.id,\n", replace: "    logger.error('unhandled error', {\n" }],
} satisfies WrongSubmission;
