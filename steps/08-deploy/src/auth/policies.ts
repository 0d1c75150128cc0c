/**
 * Authorisation: who may do what, once we know who they are. One small file, so the rules can be
 * read (and reviewed) in one place; the services call these, the routes never decide.
 */
import type { CurrentUser } from './current-user.js';

export const isAdmin = (user: CurrentUser): boolean => user.role === 'admin';

/** Only the author changes what they wrote: an admin moderates, they do not put words in your mouth. */
export const mayEdit = (user: CurrentUser, authorId: number): boolean => user.id === authorId;

/** The author may delete their own work, and an admin may delete anyone's. */
export const mayDelete = (user: CurrentUser, authorId: number): boolean => user.id === authorId || isAdmin(user);
