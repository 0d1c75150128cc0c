import type { WrongSubmission } from '../types.js';

export default {
  description: 'offset is read and validated but never used: every page starts at the newest article',
  caughtBy: 'limit (20 by default) and offset page through the list while articlesCount stays the total',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: 'matching.slice(offset, offset + limit)',
      replace: 'matching.slice(0, limit)',
    },
  ],
} satisfies WrongSubmission;
