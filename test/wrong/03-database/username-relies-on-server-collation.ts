import type { WrongSubmission } from '../types.js';

export default {
  description: "users is created without a collation of its own and a plain STRING username, counting on MySQL's case-insensitive default: SQLite compares it exactly",
  caughtBy: "the database refuses a username that differs from an existing one only by case, on every dialect",
  dialects: ["sqlite"],
  edits: [
    { file: "src/db/migrations/0001-create-users.ts", find: "username: { type: caseInsensitiveString(qi, 64), allowNull: false, unique: true },", replace: "username: { type: DataTypes.STRING(64), allowNull: false, unique: true }," },
    { file: "src/db/migrations/0001-create-users.ts", find: "      updated_at: { type: DataTypes.DATE(3), allowNull: false },\n    }, TABLE_OPTIONS);", replace: "      updated_at: { type: DataTypes.DATE(3), allowNull: false },\n    });" },
  ],
} satisfies WrongSubmission;
