import { Router, type Request } from 'express';
import type { Auth } from '../auth/middleware.js';
import type { ProfilesService } from './profiles.service.js';

type OnProfile = Request<{ username: string }>;

function currentUser(req: OnProfile) {
  if (!req.user) throw new Error(`${req.method} ${req.path} has no current user: is requireAuth on this route?`);
  return req.user;
}

/** /api/profiles/:username and following. Mounted under /api by createApp. */
export function profilesRoutes(profiles: ProfilesService, { requireAuth, optionalAuth }: Auth): Router {
  const router = Router();
  router.get('/profiles/:username', optionalAuth, async (req: OnProfile, res) => {
    res.json({ profile: await profiles.get(req.params.username, req.user) });
  });
  router.post('/profiles/:username/follow', requireAuth, async (req: OnProfile, res) => {
    res.json({ profile: await profiles.follow(currentUser(req), req.params.username) });
  });
  router.delete('/profiles/:username/follow', requireAuth, async (req: OnProfile, res) => {
    res.json({ profile: await profiles.unfollow(currentUser(req), req.params.username) });
  });
  return router;
}
