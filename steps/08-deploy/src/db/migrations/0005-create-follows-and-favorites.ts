import { DataTypes } from 'sequelize';
import type { Migration } from './index.js';
import { TABLE_OPTIONS } from './text.js';

/** Who follows whom, and who favorited which article: the social layer of Conduit. */
export const createFollowsAndFavorites: Migration = {
  name: '0005-create-follows-and-favorites',
  async up(qi) {
    await qi.createTable('follows', {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      follower_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' }, onDelete: 'CASCADE' },
      followed_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' }, onDelete: 'CASCADE' },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    }, TABLE_OPTIONS);
    await qi.createTable('favorites', {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' }, onDelete: 'CASCADE' },
      article_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'articles', key: 'id' }, onDelete: 'CASCADE' },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    }, TABLE_OPTIONS);
  },
  async down(qi) {
    await qi.dropTable('favorites');
    await qi.dropTable('follows');
  },
};
