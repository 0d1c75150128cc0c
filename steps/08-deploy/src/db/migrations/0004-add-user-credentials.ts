import { DataTypes } from 'sequelize';
import type { Migration } from './index.js';

/**
 * A password hash that no password matches: not a bcrypt hash at all, so bcrypt.compare always
 * says no. Rows that existed before this migration (the demo author of steps 02 and 03, seeded
 * users) get it: they stay, with their articles, but nobody can log in as them until someone
 * sets a real password. It is also the column's default, so a row inserted without a hash (a
 * hand-written INSERT, a careless script) is locked rather than open: the app itself always sets one.
 */
export const LOCKED_PASSWORD = '!';

export const addUserCredentials: Migration = {
  name: '0004-add-user-credentials',
  async up(qi) {
    // bcrypt hashes are 60 characters; 255 leaves room to move to argon2 later.
    await qi.addColumn('users', 'password_hash', { type: DataTypes.STRING(255), allowNull: false, defaultValue: LOCKED_PASSWORD });
    // 'user' or 'admin'. Only the make-admin script (or an admin's SQL) changes it, never a request.
    await qi.addColumn('users', 'role', { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'user' });
    // Goes up by one on every password change; a token carries the version it was issued with, so
    // the tokens issued before the change stop working.
    await qi.addColumn('users', 'token_version', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
  },
  async down(qi) {
    // Not qi.removeColumn: on SQLite, Sequelize rebuilds the table to drop a column, and dropping
    // `users` would cascade to every article and comment. SQLite 3.35+ and MySQL drop it in place.
    // Constant SQL, no input in it: raw SQL is only a risk when a value is pasted into it.
    for (const column of ['token_version', 'role', 'password_hash']) {
      await qi.sequelize.query(`ALTER TABLE ${qi.quoteIdentifier('users')} DROP COLUMN ${qi.quoteIdentifier(column)}`);
    }
  },
};
