import { DataTypes } from 'sequelize';
import type { Migration } from './index.js';
import { TABLE_OPTIONS } from './text.js';

/**
 * The attempt counters of the rate limits (src/auth/limits.ts): one row per bucket (a hash of the
 * app's scope, the limit's name and its key), the attempts counted in the current window and the
 * moment (milliseconds of the app's clock) that window ends.
 */
export const createLoginLimits: Migration = {
  name: '0005-create-login-limits',
  async up(qi) {
    await qi.createTable(
      'login_limits',
      {
        bucket: { type: DataTypes.CHAR(64), allowNull: false, primaryKey: true },
        scope: { type: DataTypes.CHAR(36), allowNull: false },
        attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        window_ends: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('login_limits', ['scope', 'window_ends'], { name: 'ix_login_limits_expiry' });
  },
  async down(qi) {
    await qi.dropTable('login_limits');
  },
};
