import type { WrongSubmission } from '../types.js';

export default {
  description: "the author is compared on the updated article, after the change was saved: the 403 comes too late",
  caughtBy: "only its author may update or delete an article: another user gets 403 and the article stays as it was",
  edits: [
    { file: "src/articles/articles.service.ts", find: "        if (!mayEdit(user, article.author.id)) throw new ForbiddenError({ article: ['can only be changed by its author'] });\n", replace: "" },
    { file: "src/articles/articles.service.ts", find: "      return findOr404(newSlug);\n    },\n\n    async remove", replace: "      const updated = await findOr404(newSlug);\n      if (!mayEdit(user, updated.author.id)) throw new ForbiddenError({ article: ['can only be changed by its author'] });\n      return updated;\n    },\n\n    async remove" },
  ],
} satisfies WrongSubmission;
