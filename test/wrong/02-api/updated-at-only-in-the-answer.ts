import type { WrongSubmission } from '../types.js';

export default {
  description: 'PUT saves the new fields but sets updatedAt on the answer only: the next GET shows the old updatedAt',
  caughtBy: 'PUT /api/articles/:slug changes only the fields sent and moves updatedAt, not createdAt',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '      changes.updatedAt = clock();\n      return store.update(article.id, changes);',
      replace: '      return { ...store.update(article.id, changes), updatedAt: clock() };',
    },
  ],
} satisfies WrongSubmission;
