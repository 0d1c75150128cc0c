import type { WrongSubmission } from '../types.js';

export default {
  description: 'a body that is not JSON answers 422 (as if it were a validation error) instead of 400',
  caughtBy: 'a malformed JSON body answers 400 with the JSON error envelope, not 500',
  edits: [
    {
      file: 'src/http/error-handler.ts',
      find: "if (e?.type === 'entity.parse.failed') return new BadRequestError({ body: ['is not valid JSON'] });",
      replace: "if (e?.type === 'entity.parse.failed') return new HttpError(422, { body: ['is not valid JSON'] });",
    },
  ],
} satisfies WrongSubmission;
