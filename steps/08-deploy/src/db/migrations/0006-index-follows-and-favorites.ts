import type { Migration } from './index.js';

/**
 * The indexes the social layer's queries need (docs/05-performance.md#indexes). A new migration,
 * never an edit of 0005: databases that applied 0005 would never see the change.
 */
export const indexFollowsAndFavorites: Migration = {
  name: '0006-index-follows-and-favorites',
  async up(qi) {
    // A unique index refuses to be built over duplicates, and two favorites sent at once could
    // have made some before it existed: keep the oldest row of each pair.
    for (const [table, a, b] of [
      ['favorites', 'user_id', 'article_id'],
      ['follows', 'follower_id', 'followed_id'],
    ] as const) {
      const q = (name: string) => qi.quoteIdentifier(name);
      await qi.sequelize.query(
        `DELETE FROM ${q(table)} WHERE ${q('id')} NOT IN (SELECT keep FROM (SELECT MIN(${q('id')}) AS keep FROM ${q(table)} GROUP BY ${q(a)}, ${q(b)}) AS oldest)`,
      );
    }
    // One favorite per user and article, one follow per pair: the database keeps that promise,
    // even for two requests at the same moment. The same index finds "did this user favorite it?".
    await qi.addIndex('favorites', ['user_id', 'article_id'], { name: 'favorites_user_id_article_id', unique: true });
    await qi.addIndex('follows', ['follower_id', 'followed_id'], { name: 'follows_follower_id_followed_id', unique: true });
    // Counting an article's favorites looks them up by article.
    await qi.addIndex('favorites', ['article_id'], { name: 'favorites_article_id' });
  },
  async down(qi) {
    // InnoDB made an index for each foreign key of 0005 and dropped it, unasked, once ours could
    // serve the key instead; it now refuses to drop ours ("needed in a foreign key constraint").
    // Give each key its own index back first, under the name InnoDB had given it.
    if (qi.sequelize.getDialect() === 'mysql') {
      await qi.addIndex('follows', ['follower_id'], { name: 'follower_id' });
      await qi.addIndex('favorites', ['user_id'], { name: 'user_id' });
      await qi.addIndex('favorites', ['article_id'], { name: 'article_id' });
    }
    await qi.removeIndex('favorites', 'favorites_article_id');
    await qi.removeIndex('follows', 'follows_follower_id_followed_id');
    await qi.removeIndex('favorites', 'favorites_user_id_article_id');
  },
};
