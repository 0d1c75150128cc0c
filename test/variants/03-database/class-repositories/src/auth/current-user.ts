/**
 * Who is making the request. In steps 02 and 03 it is always the demo author (./demo-author.ts);
 * from step 04 it is the user whose token came with the request.
 */
export interface CurrentUser {
  /** The users table's id: what articles and comments point at. */
  id: number;
  username: string;
  bio: string | null;
  image: string | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the authentication middleware on the routes that need a user. */
    user?: CurrentUser;
  }
}
