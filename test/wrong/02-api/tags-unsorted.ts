import type { WrongSubmission } from '../types.js';

export default {
  description: 'tagList is deduplicated but kept in the order it was sent',
  caughtBy: 'tagList comes back sorted alphabetically, without duplicates, and [] when none was sent',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '  return [...new Set(value.map((tag: string) => tag.trim()))].sort();',
      replace: '  return [...new Set(value.map((tag: string) => tag.trim()))];',
    },
  ],
} satisfies WrongSubmission;
