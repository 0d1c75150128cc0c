import type { WrongSubmission } from '../types.js';

export default {
  description: 'GET /api/tags lists a tag once per article that carries it',
  caughtBy: 'GET /api/tags lists every tag in use exactly once',
  edits: [
    {
      file: 'src/tags/tags.service.ts',
      find: 'const tags = new Set(store.all().flatMap((article) => article.tagList));',
      replace: 'const tags = store.all().flatMap((article) => article.tagList);',
    },
  ],
} satisfies WrongSubmission;
