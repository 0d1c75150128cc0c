import type { WrongSubmission } from '../types.js';

// The learner kept the UPDATE the favorite runs and made it write the article's createdAt
// ("then updatedAt equals createdAt and the client shows no edit"): right for an article never
// edited, wrong for one that was, whose last edit a like now erases.
export default {
  description: 'the favorite now writes the article’s createdAt into updatedAt: a like no longer shows as an edit, and erases the real edit of an edited article',
  caughtBy: 'the reported bug is fixed: liking an article does not make it look edited',
  edits: [
    {
      file: 'src/articles/articles.repository.ts',
      find: `      await db.transaction((transaction) => Favorite.bulkCreate([{ articleId, userId, createdAt: now }], { ignoreDuplicates: true, transaction }));`,
      replace: `      await db.transaction(async (transaction) => {
        await Favorite.bulkCreate([{ articleId, userId, createdAt: now }], { ignoreDuplicates: true, transaction });
        // A favorite is not an edit: updatedAt goes back to createdAt, so the client shows no "edited".
        const article = await Article.findByPk(articleId, { attributes: ['createdAt'], transaction });
        if (article) await Article.update({ updatedAt: article.createdAt }, { where: { id: articleId }, transaction });
      });`,
    },
  ],
} satisfies WrongSubmission;
