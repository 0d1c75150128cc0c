import type { WrongSubmission } from '../types.js';

export default {
  description: 'the cap on limit is off by one: limit=100, the largest page the lesson allows, is refused',
  caughtBy: 'limit=100 is the largest page: 100 is accepted, 101 and more answer 422',
  edits: [{ file: 'src/articles/articles.service.ts', find: '|| Number(value) > max)', replace: '|| Number(value) >= max)' }],
} satisfies WrongSubmission;
