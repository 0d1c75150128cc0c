import type { WrongSubmission } from '../types.js';

export default {
  description: '?favorited= is an else-if after ?author=: with both, only the author counts (the list of everything that author wrote)',
  caughtBy: 'GET /api/articles answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, with or without a token and with each filter',
  edits: [
    {
      file: 'src/articles/articles.repository.ts',
      find: "      if (favorited !== undefined) where.push('a.id IN",
      replace: "      else if (favorited !== undefined) where.push('a.id IN",
    },
  ],
} satisfies WrongSubmission;
