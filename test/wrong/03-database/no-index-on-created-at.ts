import type { WrongSubmission } from '../types.js';

export default {
  description: 'no index on articles.created_at: every list sorts the whole table',
  caughtBy: 'indexes lead with what the lists filter and sort by: article_tags.tag_id, comments.article_id, articles.created_at',
  edits: [
    {
      file: 'src/db/migrations/0002-create-articles-and-tags.ts',
      find: "    await qi.addIndex('articles', ['created_at', 'id'], { name: 'articles_created_at_id' });\n",
      replace: '',
    },
  ],
} satisfies WrongSubmission;
