import type { Migration } from './index.js';

export const createComments: Migration = {
  name: '0003-create-comments',
  async up(_qi) {
    // TODO(03-database): create comments, with TABLE_OPTIONS (./text.ts) like every table: id,
    // body (TEXT), article_id (a foreign key to articles.id that cascades on delete: deleting an
    // article deletes its comments), author_id (to users.id), created_at, updated_at (DATE(3)).
    // Then an index that starts with article_id, for "the comments of this article, oldest
    // first". When it is written, list it in ./index.ts.
    throw new Error('TODO(03-database) in src/db/migrations/0003-create-comments.ts: up()');
  },
  async down(_qi) {
    // TODO(03-database): drop the comments table.
    throw new Error('TODO(03-database) in src/db/migrations/0003-create-comments.ts: down()');
  },
};
