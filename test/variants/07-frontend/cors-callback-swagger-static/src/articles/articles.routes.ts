import { Router } from 'express';
import type { Auth } from '../auth/middleware.js';
import { slugParam } from '../http/slug-param.js';
import { articlesHandlers } from './articles.handlers.js';
import type { ArticlesService } from './articles.service.js';

/**
 * Mounted at /api/articles. An article's comments are a Router of their own, mounted under
 * /:slug/comments here, so the slug check below runs for them too.
 */
export function articlesRoutes(articles: ArticlesService, { requireAuth, optionalAuth }: Auth, comments: Router): Router {
  const router = Router();
  const handlers = articlesHandlers(articles);
  router.param('slug', slugParam());
  router.route('/').get(optionalAuth, handlers.list).post(requireAuth, handlers.create);
  // Before /:slug, which would otherwise take "feed" for a slug.
  router.get('/feed', requireAuth, handlers.feed);
  router.route('/:slug').get(optionalAuth, handlers.get).put(requireAuth, handlers.update).delete(requireAuth, handlers.remove);
  router.route('/:slug/favorite').post(requireAuth, handlers.favorite).delete(requireAuth, handlers.unfavorite);
  router.use('/:slug/comments', comments);
  return router;
}
