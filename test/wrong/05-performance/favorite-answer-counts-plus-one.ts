import type { WrongSubmission } from '../types.js';

export default {
  description: "POST …/favorite answers the article read before the insert with favoritesCount + 1, to save a query: favoriting twice shows one favorite too many",
  caughtBy: "favorites has a unique index on (user_id, article_id) and follows one on (follower_id, followed_id), so favoriting or following twice, even at the same moment, counts once; an index starts with favorites.article_id; the indexes of earlier steps are still there",
  edits: [
    { file: "src/articles/articles.service.ts", find: "        if (err instanceof ForeignKeyConstraintError) throw new NotFoundError('article');\n        throw err;\n      }\n      return findOr404(slug, user.id);", replace: "        if (err instanceof ForeignKeyConstraintError) throw new NotFoundError('article');\n        throw err;\n      }\n      return { ...article, favorited: true, favoritesCount: article.favoritesCount + 1 };" },
  ],
} satisfies WrongSubmission;
