/*
 * ┌─────────────────────────────────────────────────────────────────────────────────────────┐
 * │ TEMPORARY. This is not authentication: every request is "demo", whoever sends it.       │
 * │ It lets the article routes of step 02 have an author before there are users.            │
 * │ Step 04 (security) deletes this file and puts real authentication (a JWT in the          │
 * │ `Authorization: Token …` header) on the same routes. Never ship anything like it.        │
 * └─────────────────────────────────────────────────────────────────────────────────────────┘
 */
import type { RequestHandler } from 'express';
import type { CurrentUser } from './current-user.js';

export const DEMO_AUTHOR: Readonly<CurrentUser> = Object.freeze({ username: 'demo', bio: null, image: null });

/** Stand-in for step 04's `requireAuth`: sets req.user to the demo author. */
export function demoAuthor(): RequestHandler {
  return (req, _res, next) => {
    req.user = { ...DEMO_AUTHOR };
    next();
  };
}
