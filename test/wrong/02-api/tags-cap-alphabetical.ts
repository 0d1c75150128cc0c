import type { WrongSubmission } from '../types.js';

export default {
  description: 'GET /api/tags keeps the 100 alphabetically first tags, not the 100 most used',
  caughtBy: 'GET /api/tags lists at most 100 tags: the most used, ties going to the alphabetically first',
  edits: [
    {
      file: 'src/tags/tags.service.ts',
      find: '.sort(([a, aUses], [b, bUses]) => bUses - aUses || (a < b ? -1 : a > b ? 1 : 0))',
      replace: '.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))',
    },
  ],
} satisfies WrongSubmission;
