import type { WrongSubmission } from '../types.js';

// The learner saw the web client compare updatedAt with createdAt, and "fixed" what it reads
// instead of what writes it: the favorite still moves updatedAt in the database, and a real
// edit no longer shows either.
export default {
  description: 'the bug "fixed" in the answer: the article JSON sends createdAt as updatedAt, the favorite still writes updatedAt, and real edits no longer show',
  caughtBy: 'the reported bug is fixed: liking an article does not make it look edited',
  edits: [
    {
      file: 'src/articles/articles.repository.ts',
      find: `      await db.transaction((transaction) => Favorite.bulkCreate([{ articleId, userId, createdAt: now }], { ignoreDuplicates: true, transaction }));`,
      replace: `      await db.transaction(async (transaction) => {
        await Favorite.bulkCreate([{ articleId, userId, createdAt: now }], { ignoreDuplicates: true, transaction });
        await Article.update({ updatedAt: now }, { where: { id: articleId }, transaction });
      });`,
    },
    {
      file: 'src/articles/articles.handlers.ts',
      find: '    updatedAt: article.updatedAt.toISOString(),',
      replace: '    // "edited" showed on articles nobody edited: send createdAt until the real cause is found\n    updatedAt: article.createdAt.toISOString(),',
    },
  ],
} satisfies WrongSubmission;
