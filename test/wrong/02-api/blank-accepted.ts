import type { WrongSubmission } from '../types.js';

export default {
  description: 'only the empty string counts as blank: a field of spaces is accepted',
  caughtBy: 'POST /api/articles answers 422 naming the field when one is missing, blank or not a string',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: "if (value.trim() === '') addError(errors, field, \"can't be blank\");",
      replace: "if (value === '') addError(errors, field, \"can't be blank\");",
    },
  ],
} satisfies WrongSubmission;
