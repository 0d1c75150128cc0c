import type { WrongSubmission } from '../types.js';

export default {
  description: 'any logged-in user may delete any comment',
  caughtBy: 'only its author may delete a comment: another user gets 403 and the comment stays',
  edits: [
    {
      file: 'src/comments/comments.service.ts',
      find: "      if (!mayDelete(user, comment.authorId)) throw new ForbiddenError({ comment: ['can only be deleted by its author or an admin'] });\n",
      replace: '',
    },
  ],
} satisfies WrongSubmission;
