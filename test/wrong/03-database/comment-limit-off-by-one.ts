import type { WrongSubmission } from '../types.js';

export default {
  description: "a comment of exactly 5,000 characters is refused (>= instead of >)",
  caughtBy: "a comment body of more than 5,000 characters, or with a NUL or broken Unicode, answers 422 naming body; 5,000 (emoji too) is fine",
  edits: [
    { file: "src/comments/comments.service.ts", find: "if ([...body].length > MAX_COMMENT_LENGTH)", replace: "if ([...body].length >= MAX_COMMENT_LENGTH)" },
  ],
} satisfies WrongSubmission;
