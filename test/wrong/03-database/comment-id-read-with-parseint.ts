import type { WrongSubmission } from '../types.js';

export default {
  description: 'the comment id is read with parseInt(), which stops at the first non-digit: DELETE …/comments/3.5 deletes comment 3',
  caughtBy: 'a comment id that is not a number, unknown, or of another article answers 404 and deletes nothing',
  edits: [
    {
      file: 'src/comments/comments.service.ts',
      find: 'const commentId = /^\\d+$/.test(id) ? Number(id) : NaN;',
      replace: 'const commentId = parseInt(id, 10);',
    },
  ],
} satisfies WrongSubmission;
