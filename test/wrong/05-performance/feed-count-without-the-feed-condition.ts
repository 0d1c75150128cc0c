import type { WrongSubmission } from '../types.js';

export default {
  description: "the feed's articlesCount is counted with the list's conditions only, before the feed's own is added: it counts every article",
  caughtBy: 'GET /api/articles/feed answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, following 2 users or 7',
  edits: [
    {
      file: 'src/articles/articles.repository.ts',
      find: "      if (feedOf !== undefined) where.push(",
      replace: "      const countFilter = where.length ? ` WHERE ${where.join(' AND ')}` : '';\n      if (feedOf !== undefined) where.push(",
    },
    {
      file: 'src/articles/articles.repository.ts',
      find: '`SELECT COUNT(*) AS n FROM articles AS a${filter}`',
      replace: '`SELECT COUNT(*) AS n FROM articles AS a${countFilter}`',
    },
  ],
} satisfies WrongSubmission;
