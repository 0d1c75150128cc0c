import type { WrongSubmission } from '../types.js';

export default {
  description: 'POST …/favorite looks for the favorite first and inserts it when there is none: two favorites at once both find none, and the unique index refuses the second (422)',
  caughtBy: "favorites has a unique index on (user_id, article_id) and follows one on (follower_id, followed_id), so favoriting or following twice, even at the same moment, counts once; an index starts with favorites.article_id; the indexes of earlier steps are still there",
  edits: [
    {
      file: 'src/articles/articles.repository.ts',
      find: 'await db.transaction((transaction) => Favorite.bulkCreate([{ articleId, userId, createdAt: now }], { ignoreDuplicates: true, transaction }));',
      replace: 'if ((await Favorite.count({ where: { articleId, userId } })) === 0) await Favorite.create({ articleId, userId, createdAt: now });',
    },
  ],
} satisfies WrongSubmission;
