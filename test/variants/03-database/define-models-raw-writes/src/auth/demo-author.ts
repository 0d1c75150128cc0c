/*
 * TEMPORARY. Not authentication: every request is "demo". Step 04 replaces it with real users.
 */
import type { RequestHandler } from 'express';
import type { Sequelize } from 'sequelize';
import { tables } from '../db/models.js';

export const DEMO_AUTHOR = Object.freeze({ username: 'demo', email: 'demo@example.com', bio: null, image: null });

/** Sets req.user to the demo user, whose row is created the first time (findOrCreate survives a race). */
export function demoAuthor(db: Sequelize, clock: () => Date): RequestHandler {
  const { users } = tables(db);
  return async (req, _res, next) => {
    const now = clock();
    const [user] = await users.findOrCreate({ where: { username: DEMO_AUTHOR.username }, defaults: { ...DEMO_AUTHOR, createdAt: now, updatedAt: now } });
    req.user = { id: user.id, username: user.username, bio: user.bio, image: user.image };
    next();
  };
}
