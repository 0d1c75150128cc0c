import type { Migration } from './index.js';

/**
 * Articles, tags and the join table between them: one migration, because they only make sense
 * together. 0001-create-users.ts is the worked example to follow; the tables and columns are in
 * docs/03-database.md#the-database-contract.
 */
export const createArticlesAndTags: Migration = {
  name: '0002-create-articles-and-tags',
  async up(_qi) {
    // TODO(03-database): create three tables with qi.createTable(name, columns, TABLE_OPTIONS)
    //  (./text.ts: text compared exactly on MySQL too), then their indexes.
    //  - articles: id, slug (unique, 255), title (255), description (1024), body ('MEDIUMTEXT':
    //    MySQL's TEXT is too small for 50,000 characters), author_id (a foreign key to users.id,
    //    ON DELETE CASCADE), created_at, updated_at (DataTypes.DATE(3) keeps milliseconds).
    //  - tags: id, name (unique, 64).
    //  - article_tags: article_id and tag_id, together the primary key, each a foreign key
    //    (to articles.id and tags.id) that cascades on delete.
    //  Indexes (qi.addIndex): articles (created_at, id) for "newest first", articles (author_id)
    //  for ?author=, and article_tags (tag_id) for ?tag= (the primary key only serves article_id).
    //  When it is written, list it in ./index.ts.
    throw new Error('TODO(03-database) in src/db/migrations/0002-create-articles-and-tags.ts: up()');
  },
  async down(_qi) {
    // TODO(03-database): drop what up() created, children before parents: article_tags, tags, articles.
    throw new Error('TODO(03-database) in src/db/migrations/0002-create-articles-and-tags.ts: down()');
  },
};
