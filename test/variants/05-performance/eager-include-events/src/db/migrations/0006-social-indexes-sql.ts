import type { QueryInterface } from 'sequelize';
import type { Migration } from './index.js';

/**
 * The indexes the social layer's reads need (docs/05-performance.md#indexes), written as plain SQL
 * that SQLite and MySQL/MariaDB both accept. A new migration: 0005 stays as it ran.
 *
 * - favorites (user_id, article_id) UNIQUE: one favorite per user and article, whoever races.
 * - follows (follower_id, followed_id) UNIQUE: one follow per pair; also "does the viewer follow X?".
 * - favorites (article_id, user_id): an article's favorites counted from the index alone, and
 *   "did the viewer favorite it?" answered from it too (both columns are in it).
 */
const INDEXES = [
  'CREATE UNIQUE INDEX favorites_one_per_user ON favorites (user_id, article_id)',
  'CREATE UNIQUE INDEX follows_one_per_pair ON follows (follower_id, followed_id)',
  'CREATE INDEX favorites_by_article ON favorites (article_id, user_id)',
];

/** The names above, which down() removes. */
const OURS = ['favorites_one_per_user', 'follows_one_per_pair', 'favorites_by_article'];

const run = (qi: QueryInterface, sql: string) => qi.sequelize.query(sql);

export const socialIndexesSql: Migration = {
  name: '0006-social-indexes-sql',
  async up(qi) {
    // A unique index will not build over duplicates: keep the oldest row of each pair. MySQL wants
    // the inner SELECT wrapped once more (it refuses to read the table it deletes from directly).
    await run(qi, 'DELETE FROM favorites WHERE id NOT IN (SELECT keep.id FROM (SELECT MIN(id) AS id FROM favorites GROUP BY user_id, article_id) AS keep)');
    await run(qi, 'DELETE FROM follows WHERE id NOT IN (SELECT keep.id FROM (SELECT MIN(id) AS id FROM follows GROUP BY follower_id, followed_id) AS keep)');
    for (const sql of INDEXES) await run(qi, sql);
  },
  async down(qi) {
    const mysql = qi.sequelize.getDialect() !== 'sqlite';
    if (mysql) {
      // InnoDB drops the index it made for a foreign key of 0005 once one of ours can serve the key,
      // and then refuses to drop ours ("needed in a foreign key constraint"). Give each such key an
      // index of its own first, if no index besides ours starts with its column.
      for (const [table, column] of [
        ['favorites', 'user_id'],
        ['favorites', 'article_id'],
        ['follows', 'follower_id'],
        ['follows', 'followed_id'],
      ] as const) {
        const [rows] = (await qi.sequelize.query(`SHOW INDEX FROM ${table}`)) as [{ Key_name: string; Column_name: string; Seq_in_index: number | string }[], unknown];
        const served = rows.some((r) => Number(r.Seq_in_index) === 1 && r.Column_name === column && !OURS.includes(r.Key_name));
        if (!served) await run(qi, `CREATE INDEX ${table}_${column}_fk ON ${table} (${column})`);
      }
    }
    for (const [table, index] of [
      ['favorites', 'favorites_by_article'],
      ['follows', 'follows_one_per_pair'],
      ['favorites', 'favorites_one_per_user'],
    ] as const) {
      await run(qi, mysql ? `DROP INDEX ${index} ON ${table}` : `DROP INDEX ${index}`);
    }
  },
};
