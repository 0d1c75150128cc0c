import type { WrongSubmission } from '../types.js';

export default {
  description: '?tag= is compared without case, to be forgiving: ?tag=Tea also lists the articles tagged only tea',
  caughtBy: "?tag= keeps only the articles with that tag, and articlesCount counts only those",
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '.filter((article) => tag === undefined || article.tagList.includes(tag))',
      replace: '.filter((article) => tag === undefined || article.tagList.some((t) => t.toLowerCase() === tag.toLowerCase()))',
    },
  ],
} satisfies WrongSubmission;
