import type { WrongSubmission } from '../types.js';

export default {
  description: "express.json()'s parse error is treated as a bug: malformed JSON answers 500",
  caughtBy: 'a malformed JSON body answers 400 with the JSON error envelope, not 500',
  edits: [
    {
      file: 'src/http/error-handler.ts',
      find: 'const known = err instanceof HttpError ? err : fromBodyParser(err);',
      replace: 'const known = err instanceof HttpError ? err : undefined;',
    },
  ],
} satisfies WrongSubmission;
