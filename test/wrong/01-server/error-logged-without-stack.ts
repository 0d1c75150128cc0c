import type { WrongSubmission } from '../types.js';

export default {
  description: 'the unexpected error is logged with its message only: no stack, so nobody can tell where it was thrown',
  caughtBy: 'an unexpected error is logged in full at error level, with the request id',
  edits: [
    {
      file: 'src/http/error-handler.ts',
      find: 'error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),',
      replace: 'error: err instanceof Error ? err.message : String(err),',
    },
  ],
} satisfies WrongSubmission;
