import type { WrongSubmission } from '../types.js';

export default {
  description: 'DELETE answers 200 with an empty JSON object instead of 204 with no body',
  caughtBy: 'DELETE /api/articles/:slug answers 204 with an empty body, then the article is gone',
  edits: [
    {
      file: 'src/articles/articles.handlers.ts',
      find: 'res.status(204).end();',
      replace: 'res.status(200).json({});',
    },
  ],
} satisfies WrongSubmission;
