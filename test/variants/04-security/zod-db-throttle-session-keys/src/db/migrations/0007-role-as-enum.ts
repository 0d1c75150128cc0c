import type { Migration } from './index.js';

const SQLITE_TRIGGERS = ['users_role_on_insert', 'users_role_on_update'] as const;

/**
 * users.role holds 'user' or 'admin', and the database itself refuses anything else: an ENUM
 * column on MySQL; on SQLite (no ENUM, and an ALTER that adds a CHECK would rebuild users) two
 * triggers that abort a write with another value. Constant SQL: no value from outside in it.
 */
export const roleAsEnum: Migration = {
  name: '0007-role-as-enum',
  async up(qi) {
    const db = qi.sequelize;
    if (db.getDialect() === 'mysql') {
      await db.query("ALTER TABLE `users` MODIFY `role` ENUM('user', 'admin') NOT NULL DEFAULT 'user'");
      return;
    }
    for (const [name, event] of [
      [SQLITE_TRIGGERS[0], 'INSERT'],
      [SQLITE_TRIGGERS[1], 'UPDATE OF role'],
    ] as const) {
      await db.query(`CREATE TRIGGER ${name} BEFORE ${event} ON users WHEN NEW.role NOT IN ('user', 'admin')
        BEGIN SELECT RAISE(ABORT, 'users.role must be user or admin'); END`);
    }
  },
  async down(qi) {
    const db = qi.sequelize;
    if (db.getDialect() === 'mysql') {
      await db.query("ALTER TABLE `users` MODIFY `role` VARCHAR(16) NOT NULL DEFAULT 'user'");
      return;
    }
    for (const name of SQLITE_TRIGGERS) await db.query(`DROP TRIGGER IF EXISTS ${name}`);
  },
};
