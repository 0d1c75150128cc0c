import type { WrongSubmission } from '../types.js';

export default {
  description: 'article_tags has its two foreign keys but no primary key (article_id, tag_id): the same article can be linked to the same tag twice',
  caughtBy: "the database itself refuses a duplicate slug, username, email, tag name or tag link",
  edits: [
    {
      file: 'src/db/migrations/0002-create-articles-and-tags.ts',
      find: "        allowNull: false,\n        primaryKey: true,\n        references: { model: 'articles', key: 'id' },",
      replace: "        allowNull: false,\n        references: { model: 'articles', key: 'id' },",
    },
    {
      file: 'src/db/migrations/0002-create-articles-and-tags.ts',
      find: "        allowNull: false,\n        primaryKey: true,\n        references: { model: 'tags', key: 'id' },",
      replace: "        allowNull: false,\n        references: { model: 'tags', key: 'id' },",
    },
  ],
} satisfies WrongSubmission;
