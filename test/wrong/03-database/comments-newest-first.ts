import type { WrongSubmission } from '../types.js';

export default {
  description: 'comments are listed newest first',
  caughtBy: "GET /api/articles/:slug/comments lists the article's comments oldest first, and no other article's",
  edits: [
    {
      file: 'src/comments/comments.service.ts',
      find: "          ['createdAt', 'ASC'],\n          ['id', 'ASC'],",
      replace: "          ['createdAt', 'DESC'],\n          ['id', 'DESC'],",
    },
  ],
} satisfies WrongSubmission;
