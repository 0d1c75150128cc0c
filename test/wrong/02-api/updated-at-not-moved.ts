import type { WrongSubmission } from '../types.js';

export default {
  description: 'an update leaves updatedAt as it was',
  caughtBy: 'PUT /api/articles/:slug changes only the fields sent and moves updatedAt, not createdAt',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '      changes.updatedAt = clock();\n',
      replace: '',
    },
  ],
} satisfies WrongSubmission;
