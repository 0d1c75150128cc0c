import type { WrongSubmission } from '../types.js';

export default {
  description: "no length check on comments: the TEXT column is expected to refuse what is too long (it holds 64 KB)",
  caughtBy: "a comment body of more than 5,000 characters, or with a NUL or broken Unicode, answers 422 naming body; 5,000 (emoji too) is fine",
  edits: [
    { file: "src/comments/comments.service.ts", find: "      if ([...body].length > MAX_COMMENT_LENGTH) throw new ValidationError({ body: [`is too long (at most ${MAX_COMMENT_LENGTH} characters)`] });\n", replace: "" },
  ],
} satisfies WrongSubmission;
