import type { WrongSubmission } from '../types.js';

export default {
  description: "users.username is a plain STRING: \"Ada\" and \"ada\" become two users",
  caughtBy: "the database refuses a username that differs from an existing one only by case, on every dialect",
  edits: [
    { file: "src/db/migrations/0001-create-users.ts", find: "username: { type: caseInsensitiveString(qi, 64), allowNull: false, unique: true },", replace: "username: { type: DataTypes.STRING(64), allowNull: false, unique: true }," },
  ],
} satisfies WrongSubmission;
