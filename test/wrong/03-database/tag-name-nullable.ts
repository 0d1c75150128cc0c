import type { WrongSubmission } from '../types.js';

export default {
  description: 'tags.name has no NOT NULL: a tag without a name can be stored',
  caughtBy: "the database itself refuses an article, comment or tag with a required column left empty (NOT NULL)",
  edits: [
    {
      file: 'src/db/migrations/0002-create-articles-and-tags.ts',
      find: "      name: { type: DataTypes.STRING(64), allowNull: false, unique: true },",
      replace: "      name: { type: DataTypes.STRING(64), unique: true },",
    },
  ],
} satisfies WrongSubmission;
