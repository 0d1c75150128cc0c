import type { WrongSubmission } from '../types.js';

export default {
  description: 'a create reports every bad field, but an update stops reading its fields at the first bad one',
  caughtBy: 'a 422 names every wrong field at once, on POST and on PUT',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '    if (value !== undefined) changes[field] = value;\n',
      replace: '    if (value !== undefined) changes[field] = value;\n    else break;\n',
    },
  ],
} satisfies WrongSubmission;
