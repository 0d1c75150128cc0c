import type { WrongSubmission } from '../types.js';

export default {
  description: 'updating an article checks that the caller is logged in, but not that they wrote it',
  caughtBy: 'only its author may update or delete an article: another user gets 403 and the article stays as it was',
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: "        if (!mayEdit(user, article.author.id)) throw new ForbiddenError({ article: ['can only be changed by its author'] });\n",
      replace: '',
    },
  ],
} satisfies WrongSubmission;
