import { DataTypes } from 'sequelize';
import type { Migration } from './index.js';
import { TABLE_OPTIONS } from './text.js';

export const createComments: Migration = {
  name: '0003-create-comments',
  async up(qi) {
    await qi.createTable(
      'comments',
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        body: { type: DataTypes.TEXT, allowNull: false },
        article_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'articles', key: 'id' }, onDelete: 'CASCADE' },
        author_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' } },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
        updated_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      TABLE_OPTIONS,
    );
    // An article's comments, in the order they were written (ids grow with time).
    await qi.addIndex('comments', ['article_id', 'id'], { name: 'ix_comments_article' });
  },
  async down(qi) {
    await qi.dropTable('comments');
  },
};
