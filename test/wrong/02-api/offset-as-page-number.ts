import type { WrongSubmission } from '../types.js';

export default {
  description: 'offset is treated as a page number (offset * limit) instead of a number of articles to skip',
  caughtBy: 'limit (20 by default) and offset page through the list while articlesCount stays the total',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: 'matching.slice(offset, offset + limit)',
      replace: 'matching.slice(offset * limit, offset * limit + limit)',
    },
  ],
} satisfies WrongSubmission;
