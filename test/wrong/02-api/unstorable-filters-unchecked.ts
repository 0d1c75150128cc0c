import type { WrongSubmission } from '../types.js';

export default {
  description: 'article fields are checked for a NUL character, but the ?tag= and ?author= filters are used as they come',
  caughtBy: 'a NUL character or broken Unicode in any text field, tag or list filter answers 422, on POST and PUT',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '  if (UNSTORABLE.test(value)) {\n    addError(errors, name, UNSTORABLE_MESSAGE);\n    return undefined;\n  }\n',
      replace: '',
    },
  ],
} satisfies WrongSubmission;
