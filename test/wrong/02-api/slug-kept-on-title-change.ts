import type { WrongSubmission } from '../types.js';

export default {
  description: 'a new title keeps the old slug',
  caughtBy: 'a new title gives the article a new slug, and the old slug answers 404',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '      if (changes.title !== undefined) changes.slug = uniqueSlug(changes.title, article.id);\n',
      replace: '',
    },
  ],
} satisfies WrongSubmission;
