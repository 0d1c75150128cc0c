import type { WrongSubmission } from '../types.js';

export default {
  description: 'the feed reads limit from the query but pages from the start: ?offset= is ignored, so page two of the feed is page one again',
  caughtBy: 'GET /api/articles/feed answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, following 2 users or 7',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '      return articles.list({ feedOf: viewer.id, limit, offset }, viewer.id);',
      replace: '      void offset;\n      return articles.list({ feedOf: viewer.id, limit, offset: 0 }, viewer.id);',
    },
  ],
} satisfies WrongSubmission;
