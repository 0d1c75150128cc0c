import type { WrongSubmission } from '../types.js';

export default {
  description: "the articles' created_at and updated_at are plain DataTypes.DATE in their migration: a DATETIME on MySQL, which drops the milliseconds the app clock gave",
  caughtBy: "an article's createdAt and updatedAt are read back from the database as the app clock gave them, milliseconds included",
  dialects: ['mysql'],
  edits: [
    {
      file: 'src/db/migrations/0002-create-articles-and-tags.ts',
      find: '      created_at: { type: DataTypes.DATE(3), allowNull: false },\n      updated_at: { type: DataTypes.DATE(3), allowNull: false },',
      replace: '      created_at: { type: DataTypes.DATE, allowNull: false },\n      updated_at: { type: DataTypes.DATE, allowNull: false },',
    },
  ],
} satisfies WrongSubmission;
