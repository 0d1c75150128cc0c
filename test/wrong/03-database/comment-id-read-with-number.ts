import type { WrongSubmission } from '../types.js';

export default {
  description: 'the comment id is converted with Number() and kept if it is a safe integer: "3e0", "0x3" and "3.0" all delete comment 3',
  caughtBy: 'a comment id that is not a number, unknown, or of another article answers 404 and deletes nothing',
  edits: [
    {
      file: 'src/comments/comments.service.ts',
      find: 'const commentId = /^\\d+$/.test(id) ? Number(id) : NaN;',
      replace: 'const commentId = Number(id);',
    },
  ],
} satisfies WrongSubmission;
