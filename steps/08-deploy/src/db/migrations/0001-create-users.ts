import { DataTypes } from 'sequelize';
import type { Migration } from './index.js';
import { caseInsensitiveString, TABLE_OPTIONS } from './text.js';

export const createUsers: Migration = {
  name: '0001-create-users',
  async up(qi) {
    await qi.createTable('users', {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      // Unique whatever the case: 'Ada' cannot register once 'ada' has.
      username: { type: caseInsensitiveString(qi, 64), allowNull: false, unique: true },
      // Compared as stored: the code keeps emails in lower case (Ada@Example.com → ada@example.com).
      email: { type: DataTypes.STRING(255), allowNull: false, unique: true },
      bio: { type: DataTypes.TEXT, allowNull: true },
      image: { type: DataTypes.STRING(2048), allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    }, TABLE_OPTIONS);
  },
  async down(qi) {
    await qi.dropTable('users');
  },
};
