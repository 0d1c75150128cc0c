import type { WrongSubmission } from '../types.js';

export default {
  description: 'DELETE …/comments/:id deletes the comment with that id whichever article the URL names',
  caughtBy: 'a comment id that is not a number, unknown, or of another article answers 404 and deletes nothing',
  edits: [
    {
      file: 'src/comments/comments.service.ts',
      find: 'await Comment.destroy({ where: { id: commentId, articleId: owner } })',
      replace: 'await Comment.destroy({ where: { id: commentId } })',
    },
  ],
} satisfies WrongSubmission;
