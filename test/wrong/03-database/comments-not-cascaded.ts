import type { WrongSubmission } from '../types.js';

export default {
  description: "comments.article_id has no ON DELETE CASCADE, and nothing else deletes an article's comments",
  caughtBy: "deleting an article deletes its comments and tag links, and nothing of another article's",
  edits: [
    {
      file: 'src/db/migrations/0003-create-comments.ts',
      find: "        references: { model: 'articles', key: 'id' },\n        onDelete: 'CASCADE',\n",
      replace: "        references: { model: 'articles', key: 'id' },\n",
    },
  ],
} satisfies WrongSubmission;
