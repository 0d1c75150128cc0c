import type { WrongSubmission } from '../types.js';

export default {
  description: "the unique (user_id, article_id) index is there, but nothing finds an article's favorites by article_id",
  caughtBy: "favorites has a unique index on (user_id, article_id) and follows one on (follower_id, followed_id), so favoriting or following twice, even at the same moment, counts once; an index starts with favorites.article_id; the indexes of earlier steps are still there",
  dialects: ['sqlite'],
  edits: [
    { file: "src/db/migrations/0006-index-follows-and-favorites.ts", find: "    await qi.addIndex('favorites', ['article_id'], { name: 'favorites_article_id' });\n", replace: "" },
    { file: "src/db/migrations/0006-index-follows-and-favorites.ts", find: "    await qi.removeIndex('favorites', 'favorites_article_id');\n", replace: "" },
  ],
} satisfies WrongSubmission;
