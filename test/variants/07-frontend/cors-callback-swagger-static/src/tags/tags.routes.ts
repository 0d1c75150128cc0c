import { Router } from 'express';
import type { TagsService } from './tags.service.js';

/** Mounted at /api/tags. */
export function tagsRoutes(tags: TagsService): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.json({ tags: await tags.list() });
  });
  return router;
}
