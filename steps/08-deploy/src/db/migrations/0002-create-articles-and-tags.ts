import { DataTypes } from 'sequelize';
import type { Migration } from './index.js';
import { TABLE_OPTIONS } from './text.js';

/** Articles, tags and the join table between them: one migration, because they only make sense together. */
export const createArticlesAndTags: Migration = {
  name: '0002-create-articles-and-tags',
  async up(qi) {
    await qi.createTable('articles', {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      slug: { type: DataTypes.STRING(255), allowNull: false, unique: true },
      title: { type: DataTypes.STRING(255), allowNull: false },
      description: { type: DataTypes.STRING(1024), allowNull: false },
      // MySQL's TEXT holds 65,535 bytes: fewer than 50,000 characters once in UTF-8. MEDIUMTEXT holds
      // 16 MB; SQLite reads the name as plain TEXT.
      body: { type: 'MEDIUMTEXT', allowNull: false },
      author_id: {
        type: DataTypes.INTEGER,
        allowNull: false,
        references: { model: 'users', key: 'id' },
        onDelete: 'CASCADE',
      },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    }, TABLE_OPTIONS);
    // Lists are "newest first, then id": this index serves that order without sorting the table.
    await qi.addIndex('articles', ['created_at', 'id'], { name: 'articles_created_at_id' });
    await qi.addIndex('articles', ['author_id'], { name: 'articles_author_id' });

    await qi.createTable('tags', {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      // utf8mb4_bin (TABLE_OPTIONS): 'Tea' and 'tea' are two tags, and so are '🐱' and '💩'.
      name: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    }, TABLE_OPTIONS);

    await qi.createTable('article_tags', {
      article_id: {
        type: DataTypes.INTEGER,
        allowNull: false,
        primaryKey: true,
        references: { model: 'articles', key: 'id' },
        onDelete: 'CASCADE',
      },
      tag_id: {
        type: DataTypes.INTEGER,
        allowNull: false,
        primaryKey: true,
        references: { model: 'tags', key: 'id' },
        onDelete: 'CASCADE',
      },
    }, TABLE_OPTIONS);
    // The primary key (article_id, tag_id) finds an article's tags; this finds a tag's articles.
    await qi.addIndex('article_tags', ['tag_id'], { name: 'article_tags_tag_id' });
  },
  async down(qi) {
    await qi.dropTable('article_tags');
    await qi.dropTable('tags');
    await qi.dropTable('articles');
  },
};
