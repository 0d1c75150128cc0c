import type { Role } from '../db/models.js';

/**
 * Who is making the request: the user whose token came with it. Everything here may appear in
 * logs and JSON; the password hash never does (it is not even loaded, see db/models.ts).
 */
export interface CurrentUser {
  /** The users table's id: what articles and comments point at, and the token's subject. */
  id: number;
  username: string;
  email: string;
  bio: string | null;
  image: string | null;
  /** Read from the database on every request, never from the request itself. */
  role: Role;
  /** Goes up by one when the password changes; a token carries the version it was issued with. */
  tokenVersion: number;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by requireAuth (always) and optionalAuth (when a valid token came). */
    user?: CurrentUser;
    /** The token that came with the request, as sent. */
    token?: string;
  }
}
