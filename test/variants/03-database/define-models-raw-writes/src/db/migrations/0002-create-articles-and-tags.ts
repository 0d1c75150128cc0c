import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from './index.js';
import { TABLE_OPTIONS } from './text.js';

const id = () => ({ type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true });
const stamp = () => ({ type: DataTypes.DATE(3), allowNull: false });
const ref = (table: string, extra: object = {}) => ({
  type: DataTypes.INTEGER,
  allowNull: false,
  references: { model: table, key: 'id' },
  onDelete: 'CASCADE',
  ...extra,
});

async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'articles',
    {
      id: id(),
      slug: { type: DataTypes.STRING(255), allowNull: false },
      title: { type: DataTypes.STRING(255), allowNull: false },
      description: { type: DataTypes.STRING(1024), allowNull: false },
      body: { type: 'MEDIUMTEXT', allowNull: false },
      author_id: ref('users'),
      created_at: stamp(),
      updated_at: stamp(),
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('articles', ['slug'], { unique: true, name: 'ux_articles_slug' });
  await qi.addIndex('articles', ['created_at', 'id'], { name: 'ix_articles_newest' });
  await qi.addIndex('articles', ['author_id', 'created_at'], { name: 'ix_articles_by_author' });

  await qi.createTable('tags', { id: id(), name: { type: DataTypes.STRING(64), allowNull: false } }, TABLE_OPTIONS);
  await qi.addIndex('tags', ['name'], { unique: true, name: 'ux_tags_name' });

  await qi.createTable(
    'article_tags',
    {
      article_id: ref('articles', { primaryKey: true }),
      tag_id: ref('tags', { primaryKey: true }),
    },
    TABLE_OPTIONS,
  );
  // Covers "the articles of a tag" without touching the table: (tag_id, article_id).
  await qi.addIndex('article_tags', ['tag_id', 'article_id'], { name: 'ix_article_tags_by_tag' });
}

async function down(qi: QueryInterface): Promise<void> {
  for (const table of ['article_tags', 'tags', 'articles']) await qi.dropTable(table);
}

export const createArticlesAndTags: Migration = { name: '0002-create-articles-and-tags', up, down };
