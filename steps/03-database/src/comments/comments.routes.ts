import { Router, type RequestHandler } from 'express';
import type { Sequelize } from 'sequelize';
import { NotImplementedError } from '../http/errors.js';

/**
 * TODO(03-database): the comments of an article, designed by you: `GET`, `POST` and `DELETE`
 * under /api/articles/:slug/comments, the comment JSON and their rules are in
 * docs/03-database.md#comments and #deleting-a-comment. Shape the module as you like (the
 * articles' routes, handlers and service are one way); change this signature and its call in
 * src/app.ts as you need. `author` is the same TEMPORARY stand-in as on the article routes.
 */
export function commentsRoutes(db: Sequelize, clock: () => Date, author: RequestHandler): Router {
  void db;
  void clock;
  void author;
  const router = Router();
  const todo: RequestHandler = (req) => {
    throw new NotImplementedError(`TODO(03-database) in src/comments/comments.routes.ts: ${req.method} /api/articles/:slug/comments`);
  };
  router.get('/articles/:slug/comments', todo);
  router.post('/articles/:slug/comments', todo);
  router.delete('/articles/:slug/comments/:id', todo);
  return router;
}
