import type { WrongSubmission } from '../types.js';

export default {
  description: "comment bodies are not checked for NUL characters and broken Unicode",
  caughtBy: "a comment body of more than 5,000 characters, or with a NUL or broken Unicode, answers 422 naming body; 5,000 (emoji too) is fine",
  edits: [
    { file: "src/comments/comments.service.ts", find: "      if (UNSTORABLE.test(body)) throw new ValidationError({ body: ['must not contain a NUL character or broken Unicode'] });\n", replace: "" },
  ],
} satisfies WrongSubmission;
