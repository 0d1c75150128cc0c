import type { WrongSubmission } from '../types.js';

export default {
  description: 'the text fields count code points, but a tag is measured with .length (UTF-16 units): a tag of 64 emoji is refused',
  caughtBy: 'a title, description, body or tag of exactly its maximum length, and 10 tags, are accepted, counting an emoji as one character',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: 'value.some((tag: string) => longerThan(tag.trim(), MAX_LENGTH.tag))',
      replace: 'value.some((tag: string) => tag.trim().length > MAX_LENGTH.tag)',
    },
  ],
} satisfies WrongSubmission;
