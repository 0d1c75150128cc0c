import type { WrongSubmission } from '../types.js';

export default {
  description: "no index on article_tags.tag_id: the primary key (article_id, tag_id) is thought to be enough for ?tag=",
  caughtBy: "indexes lead with what the lists filter and sort by: article_tags.tag_id, comments.article_id, articles.created_at",
  // On MySQL every foreign key gets an index of its own, which serves the same lists: SQLite only.
  dialects: ["sqlite"],
  edits: [
    { file: "src/db/migrations/0002-create-articles-and-tags.ts", find: "    await qi.addIndex('article_tags', ['tag_id'], { name: 'article_tags_tag_id' });\n", replace: "" },
  ],
} satisfies WrongSubmission;
