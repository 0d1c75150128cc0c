import type { WrongSubmission } from '../types.js';

export default {
  description: "comments.author_id has no NOT NULL: a comment without an author can be stored",
  caughtBy: "the database itself refuses an article, comment or tag with a required column left empty (NOT NULL)",
  edits: [
    { file: "src/db/migrations/0003-create-comments.ts", find: "      author_id: {\n        type: DataTypes.INTEGER,\n        allowNull: false,", replace: "      author_id: {\n        type: DataTypes.INTEGER,\n        allowNull: true," },
  ],
} satisfies WrongSubmission;
