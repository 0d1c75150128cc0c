import type { WrongSubmission } from '../types.js';

export default {
  description: 'the default page size is 10 (as the RealWorld demo backend does), not the 20 the spec says',
  caughtBy: 'limit (20 by default) and offset page through the list while articlesCount stays the total',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: 'export const DEFAULT_LIMIT = 20;',
      replace: 'export const DEFAULT_LIMIT = 10;',
    },
  ],
} satisfies WrongSubmission;
