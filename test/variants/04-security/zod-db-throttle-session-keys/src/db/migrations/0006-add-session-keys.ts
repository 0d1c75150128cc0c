import { DataTypes } from 'sequelize';
import type { Migration } from './index.js';

/**
 * users.session_key: a random value that every token of the user carries (its `sk` claim). A new
 * password draws a new key, and every token issued before it stops matching. Rows from before
 * this migration have none (NULL) until their first login draws one.
 */
export const addSessionKeys: Migration = {
  name: '0006-add-session-keys',
  async up(qi) {
    await qi.addColumn('users', 'session_key', { type: DataTypes.STRING(32), allowNull: true });
  },
  async down(qi) {
    // Dropped in place (SQLite 3.35+, MySQL): removeColumn would rebuild users on SQLite.
    await qi.sequelize.query(`ALTER TABLE ${qi.quoteIdentifier('users')} DROP COLUMN ${qi.quoteIdentifier('session_key')}`);
  },
};
