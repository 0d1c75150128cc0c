import type { WrongSubmission } from '../types.js';

export default {
  description: 'when the page holds no article the repository returns early with articlesCount 0: an offset past the end says there are no articles at all',
  caughtBy: "limit (20 by default) and offset page through the list while articlesCount stays the total",
  edits: [
    {
      file: 'src/articles/articles.repository.ts',
      find: '      if (ids.length === 0) return { articles: [], articlesCount };',
      replace: '      if (ids.length === 0) return { articles: [], articlesCount: 0 };',
    },
  ],
} satisfies WrongSubmission;
