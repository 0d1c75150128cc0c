import type { WrongSubmission } from '../types.js';

export default {
  description: 'the role is never consulted: admins cannot delete anything but their own',
  caughtBy: "a user with role admin may delete anyone's article and comment, but not edit someone else's article",
  edits: [
    {
      file: 'src/auth/policies.ts',
      find: 'export const mayDelete = (user: CurrentUser, authorId: number): boolean => user.id === authorId || isAdmin(user);',
      replace: 'export const mayDelete = (user: CurrentUser, authorId: number): boolean => user.id === authorId;',
    },
  ],
} satisfies WrongSubmission;
