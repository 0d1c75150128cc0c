import { DataTypes } from 'sequelize';
import type { Migration } from './index.js';

export const createUsers: Migration = {
  name: '0001-create-users',
  async up(qi) {
    await qi.createTable('users', {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      username: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      email: { type: DataTypes.STRING(255), allowNull: false, unique: true },
      bio: { type: DataTypes.TEXT, allowNull: true },
      image: { type: DataTypes.STRING(2048), allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    });
  },
  async down(qi) {
    await qi.dropTable('users');
  },
};
