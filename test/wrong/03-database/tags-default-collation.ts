import type { WrongSubmission } from '../types.js';

export default {
  description: "the tags table is created without TABLE_OPTIONS, so on MySQL it takes the server's case-insensitive collation",
  caughtBy: "tags are compared exactly on every dialect: Tea and tea, 🐱 and 💩 are four tags, and ?tag= finds only its own",
  dialects: ["mysql"],
  edits: [
    { file: "src/db/migrations/0002-create-articles-and-tags.ts", find: "      name: { type: DataTypes.STRING(64), allowNull: false, unique: true },\n    }, TABLE_OPTIONS);", replace: "      name: { type: DataTypes.STRING(64), allowNull: false, unique: true },\n    });" },
  ],
} satisfies WrongSubmission;
