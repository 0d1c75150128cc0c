import type { Role } from '../db/models.js';

/** Who is making the request: the user whose token came with it. Never the password hash. */
export interface CurrentUser {
  id: number;
  username: string;
  email: string;
  bio: string | null;
  image: string | null;
  /** From users.role on every request, never from the request itself. */
  role: Role;
  /** users.session_key: the value the user's tokens carry; a new password draws another. */
  sessionKey: string | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: CurrentUser;
    /** The token that came with the request, as sent. */
    token?: string;
  }
}
