import type { WrongSubmission } from '../types.js';

export default {
  description: 'comments.created_at and updated_at are DataTypes.DATE without (3): MySQL keeps whole seconds, so a comment read back has lost its milliseconds',
  caughtBy: "POST /api/articles/:slug/comments answers 201 with the comment: an integer id, its body, timestamps and the author",
  dialects: ['mysql'],
  edits: [
    {
      file: 'src/db/migrations/0003-create-comments.ts',
      find: "      created_at: { type: DataTypes.DATE(3), allowNull: false },\n      updated_at: { type: DataTypes.DATE(3), allowNull: false },",
      replace: "      created_at: { type: DataTypes.DATE, allowNull: false },\n      updated_at: { type: DataTypes.DATE, allowNull: false },",
    },
  ],
} satisfies WrongSubmission;
