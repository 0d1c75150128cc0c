import type { WrongSubmission } from '../types.js';

export default {
  description: 'the feed hands the whole query to the list, so ?tag=, ?author= and ?favorited= filter the feed too, where the starter (and the API) give the feed only limit and offset',
  caughtBy: 'GET /api/articles/feed answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, following 2 users or 7',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '      const { limit, offset } = parseListQuery({ limit: query.limit, offset: query.offset });\n      return articles.list({ feedOf: viewer.id, limit, offset }, viewer.id);',
      replace: '      return articles.list({ ...parseListQuery(query), feedOf: viewer.id }, viewer.id);',
    },
  ],
} satisfies WrongSubmission;
