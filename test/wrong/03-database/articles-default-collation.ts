import type { WrongSubmission } from '../types.js';

export default {
  description: "the articles table is created without TABLE_OPTIONS: on MySQL its slug compares without regard to case",
  caughtBy: "a slug matches only itself: another case or a trailing space answers 404 on every route, and changes nothing",
  dialects: ["mysql"],
  edits: [
    { file: "src/db/migrations/0002-create-articles-and-tags.ts", find: "      updated_at: { type: DataTypes.DATE(3), allowNull: false },\n    }, TABLE_OPTIONS);\n    // Lists are", replace: "      updated_at: { type: DataTypes.DATE(3), allowNull: false },\n    });\n    // Lists are" },
  ],
} satisfies WrongSubmission;
