import type { WrongSubmission } from '../types.js';

export default {
  description: 'any falsy value gets the default: ?limit= (nothing after the =) quietly means 20 instead of a 422',
  caughtBy: 'a limit or offset that is negative, zero-sized or not a number answers 422',
  edits: [{ file: 'src/articles/articles.service.ts', find: '  if (value === undefined) return fallback;', replace: '  if (!value) return fallback;' }],
} satisfies WrongSubmission;
