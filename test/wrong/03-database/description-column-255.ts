import type { WrongSubmission } from '../types.js';

export default {
  description: 'articles.description is a plain DataTypes.STRING (255 characters) although step 02 lets a description have 1,024: MySQL refuses the longer ones',
  caughtBy: "a title, description, body or tag of exactly its maximum length, and 10 tags, are accepted, counting an emoji as one character",
  dialects: ['mysql'],
  edits: [
    {
      file: 'src/db/migrations/0002-create-articles-and-tags.ts',
      find: "      description: { type: DataTypes.STRING(1024), allowNull: false },",
      replace: "      description: { type: DataTypes.STRING, allowNull: false },",
    },
  ],
} satisfies WrongSubmission;
