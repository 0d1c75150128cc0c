import type { WrongSubmission } from '../types.js';

export default {
  description: 'only the title is checked for a NUL character or broken Unicode: description, body and tags let them through',
  caughtBy: 'a NUL character or broken Unicode in any text field, tag or list filter answers 422, on POST and PUT',
  edits: [
    { file: 'src/articles/articles.service.ts', find: "  if (UNSTORABLE.test(value)) addError(errors, field, UNSTORABLE_MESSAGE);", replace: "  if (field === 'title' && UNSTORABLE.test(value)) addError(errors, field, UNSTORABLE_MESSAGE);" },
    { file: 'src/articles/articles.service.ts', find: "  if (value.some((tag: string) => UNSTORABLE.test(tag))) addError(errors, 'tagList', 'has a tag with a NUL character or broken Unicode');\n", replace: '' },
  ],
} satisfies WrongSubmission;
