import type { WrongSubmission } from '../types.js';

export default {
  description: "article_tags.article_id is a foreign key without ON DELETE CASCADE: an article with tags can no longer be deleted",
  caughtBy: 'any sequence of creates, updates, deletes, comments and comment deletes leaves in the tables exactly what the requests made',
  edits: [
    {
      file: 'src/db/migrations/0002-create-articles-and-tags.ts',
      find: "        primaryKey: true,\n        references: { model: 'articles', key: 'id' },\n        onDelete: 'CASCADE',\n",
      replace: "        primaryKey: true,\n        references: { model: 'articles', key: 'id' },\n",
    },
  ],
} satisfies WrongSubmission;
