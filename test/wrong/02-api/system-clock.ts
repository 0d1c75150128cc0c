import type { WrongSubmission } from '../types.js';

export default {
  description: 'timestamps come from new Date() instead of the clock createApp receives',
  caughtBy: 'POST /api/articles answers 201 with the new article in the Conduit shape, timed by the app clock',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: 'const now = clock();',
      replace: 'const now = new Date();',
    },
  ],
} satisfies WrongSubmission;
