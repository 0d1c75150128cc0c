import type { WrongSubmission } from '../types.js';

export default {
  description: 'the rewritten list pages through the unfiltered list, but a filtered one (?tag=, ?author=, ?favorited=) always starts at its first article: offset is dropped with a filter',
  caughtBy: 'GET /api/articles answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, with or without a token and with each filter',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '      return articles.list(filter, viewer?.id);',
      replace: '      const filtered = filter.tag !== undefined || filter.author !== undefined || filter.favorited !== undefined;\n      return articles.list(filtered ? { ...filter, offset: 0 } : filter, viewer?.id);',
    },
  ],
} satisfies WrongSubmission;
