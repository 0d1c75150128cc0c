import type { WrongSubmission } from '../types.js';

export default {
  description: 'requireAuth is missing from POST /api/articles/:slug/comments',
  caughtBy: "articles and comments are written by the token's user, and writing without a token answers 401",
  edits: [
    {
      file: 'src/comments/comments.routes.ts',
      find: "router.post('/articles/:slug/comments', requireAuth, async",
      replace: "router.post('/articles/:slug/comments', async",
    },
  ],
} satisfies WrongSubmission;
