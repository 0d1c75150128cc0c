import { Router, type RequestHandler } from 'express';
import { articlesHandlers } from './articles.handlers.js';
import type { ArticlesService } from './articles.service.js';

/** Paths and middleware only. Mounted under /api by createApp. */
export function articlesRoutes(articles: ArticlesService, author: RequestHandler): Router {
  const router = Router();
  const handlers = articlesHandlers(articles);
  // `author` is TEMPORARY: demoAuthor() stands in for step 04's authentication on the routes that write.

  router.get('/articles', handlers.list);
  router.post('/articles', author, handlers.create);
  router.get('/articles/:slug', handlers.get);
  router.put('/articles/:slug', author, handlers.update);
  router.delete('/articles/:slug', author, handlers.remove);
  return router;
}
