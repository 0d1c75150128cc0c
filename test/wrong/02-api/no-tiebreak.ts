import type { WrongSubmission } from '../types.js';

export default {
  description: 'articles are sorted by createdAt only, so equal timestamps keep creation order (oldest first)',
  caughtBy: 'articles created in the same millisecond keep a stable order, the later one first',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: 'return b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id;',
      replace: 'return b.createdAt.getTime() - a.createdAt.getTime();',
    },
  ],
} satisfies WrongSubmission;
