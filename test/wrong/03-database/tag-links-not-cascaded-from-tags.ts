import type { WrongSubmission } from '../types.js';

export default {
  description: 'article_tags.tag_id references tags without ON DELETE CASCADE: deleting a tag is refused while an article carries it',
  caughtBy: 'the database itself refuses a comment, a tag link or an article that points at a missing article, tag or user; deleting a tag takes its links along',
  edits: [
    {
      file: 'src/db/migrations/0002-create-articles-and-tags.ts',
      find: "        references: { model: 'tags', key: 'id' },\n        onDelete: 'CASCADE',",
      replace: "        references: { model: 'tags', key: 'id' },",
    },
  ],
} satisfies WrongSubmission;
