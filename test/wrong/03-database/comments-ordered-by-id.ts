import type { WrongSubmission } from '../types.js';

export default {
  description: 'comments are ordered by id only, not by createdAt: right only while ids happen to grow with createdAt',
  caughtBy: "GET /api/articles/:slug/comments lists the article's comments oldest first, and no other article's",
  edits: [
    {
      file: 'src/comments/comments.service.ts',
      find: "        order: [\n          ['createdAt', 'ASC'],\n          ['id', 'ASC'],\n        ],",
      replace: "        order: [['id', 'ASC']],",
    },
  ],
} satisfies WrongSubmission;
