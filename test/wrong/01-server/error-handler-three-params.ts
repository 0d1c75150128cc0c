import type { WrongSubmission } from '../types.js';

export default {
  description: 'the error handler has three parameters, so Express treats it as ordinary middleware and its default handler sends an HTML stack trace',
  caughtBy: 'an unexpected error answers 500 with a generic message and no stack trace',
  edits: [
    {
      file: 'src/http/error-handler.ts',
      find: 'return (err: unknown, req, res, next) => {\n    if (res.headersSent) return next(err);\n',
      replace: 'return (err: unknown, req, res) => {\n',
    },
  ],
} satisfies WrongSubmission;
