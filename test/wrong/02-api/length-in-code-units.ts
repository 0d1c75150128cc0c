import type { WrongSubmission } from '../types.js';

export default {
  description: 'lengths are measured with text.length (UTF-16 units), so a title of 255 emoji counts as 510 characters and is refused',
  caughtBy: 'a title, description, body or tag of exactly its maximum length, and 10 tags, are accepted, counting an emoji as one character',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '  if (text.length <= max) return false;\n  let count = 0;\n  for (const _character of text) if (++count > max) return true;\n  return false;\n',
      replace: '  return text.length > max;\n',
    },
  ],
} satisfies WrongSubmission;
