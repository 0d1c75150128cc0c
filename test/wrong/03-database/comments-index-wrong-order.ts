import type { WrongSubmission } from '../types.js';

export default {
  description: "the comments index is on (created_at, article_id): it cannot find one article's comments",
  caughtBy: "indexes lead with what the lists filter and sort by: article_tags.tag_id, comments.article_id, articles.created_at",
  // On MySQL every foreign key gets an index of its own, which serves the same lists: SQLite only.
  dialects: ["sqlite"],
  edits: [
    { file: "src/db/migrations/0003-create-comments.ts", find: "await qi.addIndex('comments', ['article_id', 'created_at'], { name: 'comments_article_id_created_at' });", replace: "await qi.addIndex('comments', ['created_at', 'article_id'], { name: 'comments_created_at_article_id' });" },
  ],
} satisfies WrongSubmission;
