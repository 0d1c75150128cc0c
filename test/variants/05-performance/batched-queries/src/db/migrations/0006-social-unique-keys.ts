import type { Migration } from './index.js';

/** The duplicates two favorites (or follows) sent at once could have left: every row but the oldest of its pair. */
function removeDuplicatesSql(q: (name: string) => string, table: string, first: string, second: string): string {
  // MySQL refuses to read the table it deletes from unless the read is materialised first: the
  // derived table with DISTINCT is.
  return `DELETE FROM ${q(table)} WHERE ${q('id')} IN (
    SELECT dup FROM (
      SELECT DISTINCT later.${q('id')} AS dup FROM ${q(table)} AS later
        JOIN ${q(table)} AS earlier ON earlier.${q(first)} = later.${q(first)} AND earlier.${q(second)} = later.${q(second)} AND earlier.${q('id')} < later.${q('id')}
    ) AS dups)`;
}

/** The indexes MySQL made for 0005's foreign keys that start with the same column as ours (named after it). */
const FOREIGN_KEY_INDEXES = [
  ['favorites', 'article_id'],
  ['favorites', 'user_id'],
  ['follows', 'follower_id'],
] as const;

/**
 * Keys for the social tables (docs/05-performance.md#indexes), in a migration of their own. Each
 * unique index leads with the column the reads start from: a page's favorites are found by
 * article, so (article_id, user_id) is both the "one favorite per user and article" rule and the
 * index that counts an article's favorites (and finds the viewer's among them); a viewer's follows
 * are found by follower. The ?favorited= filter starts from a user: it gets an index of its own.
 */
export const socialUniqueKeys: Migration = {
  name: '0006-social-unique-keys',
  async up(qi) {
    const q = (name: string) => qi.quoteIdentifier(name);
    await qi.sequelize.query(removeDuplicatesSql(q, 'favorites', 'article_id', 'user_id'));
    await qi.sequelize.query(removeDuplicatesSql(q, 'follows', 'follower_id', 'followed_id'));
    await qi.addIndex('favorites', { fields: ['article_id', 'user_id'], unique: true, name: 'favorites_article_user_key' });
    await qi.addIndex('favorites', { fields: ['user_id'], name: 'favorites_by_user' });
    await qi.addIndex('follows', { fields: ['follower_id', 'followed_id'], unique: true, name: 'follows_pair_key' });
    // On MySQL, the foreign keys' own indexes that these make redundant: dropped by MySQL itself the
    // first time, but put back by down() (below) when it has run.
    if (qi.sequelize.getDialect() === 'mysql') {
      for (const [table, name] of FOREIGN_KEY_INDEXES) {
        const indexes = (await qi.showIndex(table)) as { name: string }[];
        if (indexes.some((i) => i.name === name)) await qi.removeIndex(table, name);
      }
    }
  },
  async down(qi) {
    // MySQL gave each foreign key of 0005 an index of its own, and dropped it as soon as up()
    // created one that starts with the same column: it refuses to drop ours before the key has
    // another, so down() gives back the ones 0005 left, under the names MySQL had given them.
    if (qi.sequelize.getDialect() === 'mysql') {
      for (const [table, name] of FOREIGN_KEY_INDEXES) await qi.addIndex(table, { fields: [name], name });
    }
    await qi.removeIndex('follows', 'follows_pair_key');
    await qi.removeIndex('favorites', 'favorites_by_user');
    await qi.removeIndex('favorites', 'favorites_article_user_key');
  },
};
