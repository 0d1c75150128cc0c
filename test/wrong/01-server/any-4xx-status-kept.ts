import type { WrongSubmission } from '../types.js';

export default {
  description: "the error handler keeps the status of any error with a 4xx status, not only the parser's: a library's error carrying status 404 answers 404 instead of being a 500",
  caughtBy: 'an unexpected error answers 500 with a generic message and no stack trace',
  edits: [
    {
      file: 'src/http/error-handler.ts',
      find: "  if (typeof e?.type === 'string' && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {",
      replace: "  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {",
    },
  ],
} satisfies WrongSubmission;
