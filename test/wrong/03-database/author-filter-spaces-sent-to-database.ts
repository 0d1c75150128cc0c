import type { WrongSubmission } from '../types.js';

export default {
  description: "only ?tag= is checked for spaces at its ends; ?author=demo%20 goes to the database as given, where MySQL's collation ignores the trailing space and finds demo",
  caughtBy: '?tag= and ?author= with a space at either end match nothing, on every dialect',
  dialects: ['mysql'],
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '      if ([filter.tag, filter.author].some((value) => value !== undefined && value !== value.trim())) return { articles: [], articlesCount: 0 };',
      replace: '      if (filter.tag !== undefined && filter.tag !== filter.tag.trim()) return { articles: [], articlesCount: 0 };',
    },
  ],
} satisfies WrongSubmission;
