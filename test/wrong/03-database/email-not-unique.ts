import type { WrongSubmission } from '../types.js';

export default {
  description: "users.email is not unique in the schema: registration is trusted to check it first",
  caughtBy: "the database itself refuses a duplicate slug, username, email, tag name or tag link",
  edits: [
    { file: "src/db/migrations/0001-create-users.ts", find: "email: { type: DataTypes.STRING(255), allowNull: false, unique: true },", replace: "email: { type: DataTypes.STRING(255), allowNull: false }," },
  ],
} satisfies WrongSubmission;
