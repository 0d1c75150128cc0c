import type { WrongSubmission } from '../types.js';

export default {
  description: 'limit=0 is accepted (minimum 0 instead of 1) and answers an empty page',
  caughtBy: 'a limit or offset that is negative, zero-sized or not a number answers 422',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: "readCount(errors, 'limit', query.limit, DEFAULT_LIMIT, 1, MAX_LIMIT)",
      replace: "readCount(errors, 'limit', query.limit, DEFAULT_LIMIT, 0, MAX_LIMIT)",
    },
  ],
} satisfies WrongSubmission;
