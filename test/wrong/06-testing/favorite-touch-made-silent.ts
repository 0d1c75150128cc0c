import type { WrongSubmission } from '../types.js';

// The learner found the extra UPDATE but "fixed" it with `silent: true`, which only stops
// Sequelize from setting updatedAt by itself: the value written explicitly is still written.
export default {
  description: 'the favorite still writes updatedAt, now with silent: true (which only stops Sequelize setting it by itself)',
  caughtBy: 'the reported bug is fixed: liking an article does not make it look edited',
  edits: [
    {
      file: 'src/articles/articles.repository.ts',
      find: `      await db.transaction((transaction) => Favorite.bulkCreate([{ articleId, userId, createdAt: now }], { ignoreDuplicates: true, transaction }));`,
      replace: `      await db.transaction(async (transaction) => {
        await Favorite.bulkCreate([{ articleId, userId, createdAt: now }], { ignoreDuplicates: true, transaction });
        await Article.update({ updatedAt: now }, { where: { id: articleId }, transaction, silent: true });
      });`,
    },
  ],
} satisfies WrongSubmission;
