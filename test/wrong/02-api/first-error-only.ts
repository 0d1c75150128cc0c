import type { WrongSubmission } from '../types.js';

export default {
  description: 'validation stops at the first problem: the 422 names one field even when several are wrong',
  caughtBy: 'a 422 names every wrong field at once, on POST and on PUT',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: '  (errors[key] ??= []).push(message);',
      replace: '  throw new ValidationError({ [key]: [message] });',
    },
  ],
} satisfies WrongSubmission;
