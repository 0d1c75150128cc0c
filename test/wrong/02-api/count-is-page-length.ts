import type { WrongSubmission } from '../types.js';

export default {
  description: 'articlesCount counts the articles on the page instead of every match',
  caughtBy: 'limit (20 by default) and offset page through the list while articlesCount stays the total',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: 'return { articles: matching.slice(offset, offset + limit), articlesCount: matching.length };',
      replace: 'const page = matching.slice(offset, offset + limit);\n      return { articles: page, articlesCount: page.length };',
    },
  ],
} satisfies WrongSubmission;
