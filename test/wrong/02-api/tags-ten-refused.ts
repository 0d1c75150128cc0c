import type { WrongSubmission } from '../types.js';

export default {
  description: 'the tag count is off by one: an article with exactly 10 tags is refused',
  caughtBy: 'a title, description, body or tag of exactly its maximum length, and 10 tags, are accepted, counting an emoji as one character',
  edits: [{ file: 'src/articles/articles.service.ts', find: 'if (value.length > MAX_TAGS)', replace: 'if (value.length >= MAX_TAGS)' }],
} satisfies WrongSubmission;
