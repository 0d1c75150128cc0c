import type { WrongSubmission } from '../types.js';

export default {
  description: 'the list is sorted oldest first (the comparator subtracts the wrong way round)',
  caughtBy: 'GET /api/articles lists the newest article first, with articlesCount',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: 'return b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id;',
      replace: 'return a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id;',
    },
  ],
} satisfies WrongSubmission;
