/**
 * Authorisation: who may do what, once we know who they are. One small file, so the rules can be
 * read (and reviewed) in one place; the services call these, the routes never decide.
 */
import { NotImplementedError } from '../http/errors.js';
import type { CurrentUser } from './current-user.js';

export const isAdmin = (user: CurrentUser): boolean => user.role === 'admin';

/** Only the author changes what they wrote. */
export function mayEdit(user: CurrentUser, authorId: number): boolean {
  // TODO(04-security): true only for the author (compare ids). Admins do not edit others' work.
  throw new NotImplementedError('TODO(04-security) in src/auth/policies.ts: mayEdit');
}

/** The author may delete their own work, and an admin may delete anyone's. */
export function mayDelete(user: CurrentUser, authorId: number): boolean {
  // TODO(04-security): true for the author, and for an admin (isAdmin). The role comes from
  // req.user, which came from the database: never from anything in the request.
  throw new NotImplementedError('TODO(04-security) in src/auth/policies.ts: mayDelete');
}
