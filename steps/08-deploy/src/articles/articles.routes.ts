import { Router } from 'express';
import type { Auth } from '../auth/middleware.js';
import { slugParam } from '../http/slug-param.js';
import { articlesHandlers } from './articles.handlers.js';
import type { ArticlesService } from './articles.service.js';

/** Paths and middleware only. Mounted under /api by createApp. */
export function articlesRoutes(articles: ArticlesService, { requireAuth, optionalAuth }: Auth): Router {
  const router = Router();
  const handlers = articlesHandlers(articles);
  // Reading is for everyone (a token, when sent, must be valid); writing needs a signed-in user.
  router.param('slug', slugParam());
  router.get('/articles', optionalAuth, handlers.list);
  // Before /articles/:slug, which would otherwise take "feed" for a slug.
  router.get('/articles/feed', requireAuth, handlers.feed);
  router.post('/articles', requireAuth, handlers.create);
  router.get('/articles/:slug', optionalAuth, handlers.get);
  router.put('/articles/:slug', requireAuth, handlers.update);
  router.delete('/articles/:slug', requireAuth, handlers.remove);
  router.post('/articles/:slug/favorite', requireAuth, handlers.favorite);
  router.delete('/articles/:slug/favorite', requireAuth, handlers.unfavorite);
  return router;
}
