import type { WrongSubmission } from '../types.js';

export default {
  description: "articles.title is declared allowNull: true in the migration (the service checks it anyway)",
  caughtBy: "the database itself refuses an article, comment or tag with a required column left empty (NOT NULL)",
  edits: [
    { file: "src/db/migrations/0002-create-articles-and-tags.ts", find: "      title: { type: DataTypes.STRING(255), allowNull: false },", replace: "      title: { type: DataTypes.STRING(255), allowNull: true }," },
  ],
} satisfies WrongSubmission;
