import type { WrongSubmission } from '../types.js';

export default {
  description: "articles.body is DataTypes.TEXT: on MySQL that is 65,535 bytes, fewer than 50,000 characters once they are not all ASCII, so a body within step 02's limit can be refused by the database",
  caughtBy: "a title, description, body or tag of exactly its maximum length, and 10 tags, are accepted, counting an emoji as one character",
  dialects: ['mysql'],
  edits: [
    {
      file: 'src/db/migrations/0002-create-articles-and-tags.ts',
      find: "      body: { type: 'MEDIUMTEXT', allowNull: false },",
      replace: "      body: { type: DataTypes.TEXT, allowNull: false },",
    },
  ],
} satisfies WrongSubmission;
