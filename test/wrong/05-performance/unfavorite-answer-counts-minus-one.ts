import type { WrongSubmission } from '../types.js';

export default {
  description: "DELETE …/favorite answers the article read before the delete with favoritesCount - 1, to save a query: unfavoriting what one never favorited takes someone else's favorite off the count",
  caughtBy: "favorites has a unique index on (user_id, article_id) and follows one on (follower_id, followed_id), so favoriting or following twice, even at the same moment, counts once; an index starts with favorites.article_id; the indexes of earlier steps are still there",
  edits: [
    { file: "src/articles/articles.service.ts", find: "      await articles.unfavorite(article.id, user.id);\n      return findOr404(slug, user.id);", replace: "      await articles.unfavorite(article.id, user.id);\n      return { ...article, favorited: false, favoritesCount: Math.max(0, article.favoritesCount - 1) };" },
  ],
} satisfies WrongSubmission;
