import type { WrongSubmission } from '../types.js';

export default {
  description: "PUT /api/articles/:slug validates the input before asking who may edit: someone else's article answers 422",
  caughtBy: "only its author may update or delete an article: another user gets 403 and the article stays as it was",
  edits: [
    { file: "src/articles/articles.service.ts", find: "        if (!mayEdit(user, article.author.id)) throw new ForbiddenError({ article: ['can only be changed by its author'] });\n        const changes: ArticleChanges = parseChanges(input);", replace: "        const changes: ArticleChanges = parseChanges(input);\n        if (!mayEdit(user, article.author.id)) throw new ForbiddenError({ article: ['can only be changed by its author'] });" },
  ],
} satisfies WrongSubmission;
