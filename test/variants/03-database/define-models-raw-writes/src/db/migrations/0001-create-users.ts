import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from './index.js';
import { caseInsensitiveString, TABLE_OPTIONS } from './text.js';

const stamp = () => ({ type: DataTypes.DATE(3), allowNull: false });

async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'users',
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      username: { type: caseInsensitiveString(qi, 64), allowNull: false },
      email: { type: DataTypes.STRING(255), allowNull: false },
      bio: { type: DataTypes.TEXT, allowNull: true },
      image: { type: DataTypes.STRING(2048), allowNull: true },
      created_at: stamp(),
      updated_at: stamp(),
    },
    TABLE_OPTIONS,
  );
  // Unique indexes of their own (named), rather than UNIQUE on the columns: the collation of the
  // username column makes 'Ada' and 'ada' the same key.
  await qi.addIndex('users', ['username'], { unique: true, name: 'ux_users_username' });
  await qi.addIndex('users', ['email'], { unique: true, name: 'ux_users_email' });
}

export const createUsers: Migration = {
  name: '0001-create-users',
  up,
  down: (qi) => qi.dropTable('users'),
};
