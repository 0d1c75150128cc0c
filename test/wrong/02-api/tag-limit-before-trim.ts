import type { WrongSubmission } from '../types.js';

export default {
  description: 'a tag is measured before it is trimmed: a tag of exactly 64 characters sent with a space around it is refused',
  caughtBy: "a title, description, body or tag of exactly its maximum length, and 10 tags, are accepted, counting an emoji as one character",
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: 'longerThan(tag.trim(), MAX_LENGTH.tag)',
      replace: 'longerThan(tag, MAX_LENGTH.tag)',
    },
  ],
} satisfies WrongSubmission;
