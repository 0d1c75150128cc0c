import type { WrongSubmission } from '../types.js';

export default {
  description: 'the error handler answers a generic 500 but swallows the error: nothing is logged',
  caughtBy: 'an unexpected error is logged in full at error level, with the request id',
  edits: [
    {
      file: 'src/http/error-handler.ts',
      find: `    logger.error('unhandled error', {
      requestId: req.id,
      method: req.method,
      path: req.originalUrl,
      error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
    });
`,
      replace: '',
    },
  ],
} satisfies WrongSubmission;
