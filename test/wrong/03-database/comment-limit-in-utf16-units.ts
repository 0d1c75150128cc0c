import type { WrongSubmission } from '../types.js';

export default {
  description: "the comment limit counts UTF-16 units (body.length), so 5,000 emoji are refused",
  caughtBy: "a comment body of more than 5,000 characters, or with a NUL or broken Unicode, answers 422 naming body; 5,000 (emoji too) is fine",
  edits: [
    { file: "src/comments/comments.service.ts", find: "if ([...body].length > MAX_COMMENT_LENGTH)", replace: "if (body.length > MAX_COMMENT_LENGTH)" },
  ],
} satisfies WrongSubmission;
