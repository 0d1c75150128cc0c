import type { WrongSubmission } from '../types.js';

export default {
  description: 'the down() of 0002 drops the tables in the order up() created them: articles before article_tags, which still points at it',
  caughtBy: "migrate(db, 'down') undoes every migration, and migrate(db) builds the schema again, once",
  edits: [
    {
      file: 'src/db/migrations/0002-create-articles-and-tags.ts',
      find: "    await qi.dropTable('article_tags');\n    await qi.dropTable('tags');\n    await qi.dropTable('articles');",
      replace: "    await qi.dropTable('articles');\n    await qi.dropTable('tags');\n    await qi.dropTable('article_tags');",
    },
  ],
} satisfies WrongSubmission;
