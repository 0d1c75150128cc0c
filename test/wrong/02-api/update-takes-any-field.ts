import type { WrongSubmission } from '../types.js';

export default {
  description: 'an update copies every field of the request onto the article, slug, createdAt and author included',
  caughtBy: 'PUT /api/articles/:slug changes only the fields sent and moves updatedAt, not createdAt',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: 'const changes: ArticleChanges = parseChanges(input);',
      replace: 'const changes: ArticleChanges = { ...parseChanges(input), ...(input as ArticleChanges) };',
    },
  ],
} satisfies WrongSubmission;
