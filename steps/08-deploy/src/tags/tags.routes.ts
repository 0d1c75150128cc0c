import { Router } from 'express';
import type { TagsService } from './tags.service.js';

/** GET /api/tags. Mounted under /api by createApp. */
export function tagsRoutes(tags: TagsService): Router {
  const router = Router();
  router.get('/tags', async (_req, res) => {
    res.json({ tags: await tags.list() });
  });
  return router;
}
