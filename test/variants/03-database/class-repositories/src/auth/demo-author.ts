/*
 * ┌─────────────────────────────────────────────────────────────────────────────────────────┐
 * │ TEMPORARY. This is not authentication: every request is "demo", whoever sends it.       │
 * │ It lets the article and comment routes have an author before there are real users.      │
 * │ Step 04 (security) deletes this file and puts real authentication (a JWT in the          │
 * │ `Authorization: Token …` header) on the same routes. Never ship anything like it.        │
 * └─────────────────────────────────────────────────────────────────────────────────────────┘
 */
import type { RequestHandler } from 'express';
import type { Sequelize } from 'sequelize';
import type { Models } from '../db/models.js';
import type { CurrentUser } from './current-user.js';

export const DEMO_AUTHOR = Object.freeze({ username: 'demo', email: 'demo@example.com', bio: null, image: null });

/** Stand-in for step 04's `requireAuth`: sets req.user to the demo user, creating its row once. */
export function demoAuthor(db: Sequelize, clock: () => Date): RequestHandler {
  const { User } = db.models as unknown as Models;
  return async (req, _res, next) => {
    const now = clock();
    // findOrCreate copes with two first requests racing to create the same row.
    const [user] = await User.findOrCreate({ where: { username: DEMO_AUTHOR.username }, defaults: { ...DEMO_AUTHOR, createdAt: now, updatedAt: now } });
    const current: CurrentUser = { id: user.id, username: user.username, bio: user.bio, image: user.image };
    req.user = current;
    next();
  };
}
