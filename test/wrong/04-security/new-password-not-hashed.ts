import type { WrongSubmission } from '../types.js';

export default {
  description: 'PUT /api/user stores a new password as it came, without hashing it',
  caughtBy: 'PUT /api/user with a new password: the new one logs in, the old one no longer does',
  edits: [
    {
      file: 'src/users/users.service.ts',
      find: '      if (password !== undefined) changes.passwordHash = await hashPassword(password);',
      replace: '      if (password !== undefined) changes.passwordHash = password;',
    },
  ],
} satisfies WrongSubmission;
