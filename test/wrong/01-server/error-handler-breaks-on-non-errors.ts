import type { WrongSubmission } from '../types.js';

export default {
  description: "the error handler uses the 'in' operator on whatever was thrown: a thrown string makes the handler itself throw, and Express's HTML page with the stack answers",
  caughtBy: 'an unexpected error answers 500 with a generic message and no stack trace',
  edits: [
    {
      file: 'src/http/error-handler.ts',
      find: '  const e = err as { type?: string; status?: number };\n',
      replace: "  if (!('status' in (err as object))) return undefined;\n  const e = err as { type?: string; status?: number };\n",
    },
  ],
} satisfies WrongSubmission;
