import type { WrongSubmission } from '../types.js';

export default {
  description: 'validation errors answer 400 Bad Request instead of 422',
  caughtBy: 'POST /api/articles answers 422 naming the field when one is missing, blank or not a string',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: "import { NotFoundError, ValidationError, type ErrorMessages } from '../http/errors.js';",
      replace: "import { BadRequestError, NotFoundError, ValidationError, type ErrorMessages } from '../http/errors.js';",
    },
    {
      file: 'src/articles/articles.service.ts',
      find: 'if (Object.keys(errors).length > 0) throw new ValidationError(errors);',
      replace: 'if (Object.keys(errors).length > 0) throw new BadRequestError(errors);',
    },
  ],
} satisfies WrongSubmission;
