import { Router, type Request, type RequestHandler } from 'express';

type OnArticle = Request<{ slug: string }>;
type OnComment = Request<{ slug: string; id: string }>;
import type { CommentRecord, CommentsService } from './comments.service.js';

export function commentJson(c: CommentRecord) {
  return {
    id: c.id,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    body: c.body,
    author: { username: c.author.username, bio: c.author.bio, image: c.author.image, following: false },
  };
}

function currentUser(req: Request<Record<string, string>>) {
  if (!req.user) throw new Error(`${req.method} ${req.path} has no current user: is the author middleware on this route?`);
  return req.user;
}

/** /api/articles/:slug/comments. `author` is the same TEMPORARY stand-in as on the article routes. */
export function commentsRoutes(comments: CommentsService, author: RequestHandler): Router {
  const router = Router();
  router.get('/articles/:slug/comments', async (req: OnArticle, res) => {
    res.json({ comments: (await comments.list(req.params.slug)).map(commentJson) });
  });
  router.post('/articles/:slug/comments', author, async (req: OnArticle, res) => {
    const comment = await comments.add(req.params.slug, currentUser(req), req.body?.comment);
    res.status(201).json({ comment: commentJson(comment) });
  });
  router.delete('/articles/:slug/comments/:id', author, async (req: OnComment, res) => {
    await comments.remove(req.params.slug, req.params.id);
    res.status(204).end();
  });
  return router;
}
