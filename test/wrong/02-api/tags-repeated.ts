import type { WrongSubmission } from '../types.js';

export default {
  description: 'GET /api/tags lists a tag once per article that carries it',
  caughtBy: 'GET /api/tags lists every tag in use exactly once',
  edits: [
    {
      file: 'src/tags/tags.service.ts',
      find: '      return [...uses]\n',
      replace: '      return [...store.all().flatMap((article) => article.tagList).map((tag) => [tag, 1] as const)]\n',
    },
  ],
} satisfies WrongSubmission;
