import type { WrongSubmission } from '../types.js';

export default {
  description: 'comments.author_id is a plain integer column without its foreign key to users: a comment by a user who does not exist can be stored',
  caughtBy: 'the database itself refuses a comment, a tag link or an article that points at a missing article, tag or user; deleting a tag takes its links along',
  edits: [
    {
      file: 'src/db/migrations/0003-create-comments.ts',
      find: "      author_id: {\n        type: DataTypes.INTEGER,\n        allowNull: false,\n        references: { model: 'users', key: 'id' },\n        onDelete: 'CASCADE',\n      },",
      replace: "      author_id: { type: DataTypes.INTEGER, allowNull: false },",
    },
  ],
} satisfies WrongSubmission;
