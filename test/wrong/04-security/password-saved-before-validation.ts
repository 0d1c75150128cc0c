import type { WrongSubmission } from '../types.js';

export default {
  description: 'PUT /api/user saves a new password at once, in its own update, before checking the other fields: a 422 for a taken email still changes the password and ends the tokens',
  caughtBy: "PUT /api/user changes the caller's fields, accepts their own current email, and answers 422 for another user's email or username",
  edits: [
    {
      file: 'src/users/users.service.ts',
      find: '      const password = fields.password === undefined ? undefined : readPassword(errors, fields.password);\n',
      replace:
        "      const password = fields.password === undefined ? undefined : readPassword(errors, fields.password);\n      if (password !== undefined) await User.update({ passwordHash: await hashPassword(password), tokenVersion: db.literal('token_version + 1') as unknown as number }, { where: { id: current.id } });\n",
    },
  ],
} satisfies WrongSubmission;
