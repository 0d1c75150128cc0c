import type { WrongSubmission } from '../types.js';

export default {
  description: 'create and update run their queries one by one, without a transaction',
  caughtBy: 'an article and its tags are saved together or not at all: a failure halfway leaves no article behind',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: 'return await db.transaction((t) => work(t, attempt));',
      replace: 'return await work(undefined as unknown as Transaction, attempt);',
    },
  ],
} satisfies WrongSubmission;
