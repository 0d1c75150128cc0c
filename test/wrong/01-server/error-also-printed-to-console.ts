import type { WrongSubmission } from '../types.js';

export default {
  description: 'the error handler logs the error through the logger and also console.error()s it "to see it while developing"',
  caughtBy: 'an unexpected error is logged in full at error level, with the request id',
  edits: [{ file: 'src/http/error-handler.ts', find: "    logger.error('unhandled error', {", replace: "    console.error(err);\n    logger.error('unhandled error', {" }],
} satisfies WrongSubmission;
