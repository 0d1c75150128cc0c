import type { WrongSubmission } from '../types.js';

export default {
  description: 'the migration does not make articles.slug unique: only the code checks, so two requests at once can share a slug',
  caughtBy: 'the database itself refuses a duplicate slug, username, email, tag name or tag link',
  edits: [
    {
      file: 'src/db/migrations/0002-create-articles-and-tags.ts',
      find: 'slug: { type: DataTypes.STRING(255), allowNull: false, unique: true },',
      replace: 'slug: { type: DataTypes.STRING(255), allowNull: false },',
    },
  ],
} satisfies WrongSubmission;
