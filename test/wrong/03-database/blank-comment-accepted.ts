import type { WrongSubmission } from '../types.js';

export default {
  description: 'a comment body of spaces is accepted (only the empty string counts as blank)',
  caughtBy: 'POST /api/articles/:slug/comments answers 422 for a blank, missing or non-string body, and stores nothing',
  edits: [
    {
      file: 'src/comments/comments.service.ts',
      find: "if (typeof body !== 'string' || body.trim() === '')",
      replace: "if (typeof body !== 'string' || body === '')",
    },
  ],
} satisfies WrongSubmission;
