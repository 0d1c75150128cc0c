import type { WrongSubmission } from '../types.js';

export default {
  description: 'the down() of the comments migration forgets to drop the comments table',
  caughtBy: "migrate(db, 'down') undoes every migration, and migrate(db) builds the schema again, once",
  edits: [
    {
      file: 'src/db/migrations/0003-create-comments.ts',
      find: "    await qi.dropTable('comments');\n",
      replace: "    // Nothing to undo: comments are harmless.\n    void qi;\n",
    },
  ],
} satisfies WrongSubmission;
