import type { WrongSubmission } from '../types.js';

export default {
  description: "DELETE /api/articles/:slug checks the token but not the author: anyone logged in deletes anything",
  caughtBy: "only its author may update or delete an article: another user gets 403 and the article stays as it was",
  edits: [
    { file: "src/articles/articles.service.ts", find: "      if (!mayDelete(user, article.author.id)) throw new ForbiddenError({ article: ['can only be deleted by its author or an admin'] });\n", replace: "" },
  ],
} satisfies WrongSubmission;
