/*
 * ┌─────────────────────────────────────────────────────────────────────────────────────────┐
 * │ TEMPORARY. This is not authentication: every request is "demo", whoever sends it.       │
 * │ It lets the article and comment routes have an author before there are real users.      │
 * │ Step 04 (security) deletes this file and puts real authentication (a JWT in the          │
 * │ `Authorization: Token …` header) on the same routes. Never ship anything like it.        │
 * └─────────────────────────────────────────────────────────────────────────────────────────┘
 */
import type { RequestHandler } from 'express';
import type { CurrentUser } from './current-user.js';

export const DEMO_AUTHOR = Object.freeze({ username: 'demo', email: 'demo@example.com', bio: null, image: null });

/** The demo author as step 02 knew it: in memory, with an id no table has yet. */
export const DEMO_USER: Readonly<CurrentUser> = Object.freeze({ id: 1, username: DEMO_AUTHOR.username, bio: null, image: null });

/**
 * Stand-in for step 04's `requireAuth`: sets req.user to the demo author.
 *
 * TODO(03-database): once articles live in the database, their author_id points at a row of
 * users: make the demo author that row (created on first use, once, even when two first
 * requests come at the same moment) and put its id on req.user. Change this signature and its
 * call in src/app.ts as you need.
 */
export function demoAuthor(): RequestHandler {
  return (req, _res, next) => {
    req.user = { ...DEMO_USER };
    next();
  };
}
