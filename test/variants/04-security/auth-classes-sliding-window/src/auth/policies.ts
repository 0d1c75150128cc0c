import type { CurrentUser } from './current-user.js';

/** Who may change what: authors edit, authors and admins delete. */
export class Policy {
  static isAdmin(user: CurrentUser): boolean {
    return user.role === 'admin';
  }

  static mayEdit(user: CurrentUser, authorId: number): boolean {
    return user.id === authorId;
  }

  static mayDelete(user: CurrentUser, authorId: number): boolean {
    return user.id === authorId || Policy.isAdmin(user);
  }
}

export const { mayEdit, mayDelete, isAdmin } = {
  mayEdit: (user: CurrentUser, authorId: number) => Policy.mayEdit(user, authorId),
  mayDelete: (user: CurrentUser, authorId: number) => Policy.mayDelete(user, authorId),
  isAdmin: (user: CurrentUser) => Policy.isAdmin(user),
};
