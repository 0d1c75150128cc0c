import type { WrongSubmission } from '../types.js';

export default {
  description: "a comment's createdAt and updatedAt come from new Date(), not from the app's clock",
  caughtBy: "POST /api/articles/:slug/comments answers 201 with the comment: an integer id, its body, timestamps and the author",
  edits: [
    {
      file: 'src/comments/comments.service.ts',
      find: "      const now = clock();",
      replace: "      const now = new Date();",
    },
  ],
} satisfies WrongSubmission;
