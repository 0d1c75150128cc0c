import type { WrongSubmission } from '../types.js';

export default {
  description: 'the size limits are checked when an article is created, but an update takes a title of any length',
  caughtBy: 'a title, description, body or tag one character over its maximum, or an 11th tag, answers 422 naming the field on POST and PUT, and nothing changes',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: 'function readText(errors: ErrorMessages, field: TextField, value: unknown): string | undefined {',
      replace: 'function readText(errors: ErrorMessages, field: TextField, value: unknown, checkSize = true): string | undefined {',
    },
    {
      file: 'src/articles/articles.service.ts',
      find: '  if (longerThan(value, MAX_LENGTH[field]))',
      replace: '  if (checkSize && longerThan(value, MAX_LENGTH[field]))',
    },
    {
      file: 'src/articles/articles.service.ts',
      find: '    const value = readText(errors, field, article[field]);',
      replace: '    const value = readText(errors, field, article[field], false);',
    },
  ],
} satisfies WrongSubmission;
