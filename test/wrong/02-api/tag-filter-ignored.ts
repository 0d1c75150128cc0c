import type { WrongSubmission } from '../types.js';

export default {
  description: '?tag= is read but the articles are never filtered by it',
  caughtBy: '?tag= keeps only the articles with that tag, and articlesCount counts only those',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '        .filter((article) => tag === undefined || article.tagList.includes(tag))\n',
      replace: '',
    },
  ],
} satisfies WrongSubmission;
