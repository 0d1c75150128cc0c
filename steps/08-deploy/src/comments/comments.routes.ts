import { Router, type Request } from 'express';
import type { Auth } from '../auth/middleware.js';
import type { CommentJson } from '../http/schemas.js';
import { slugParam } from '../http/slug-param.js';
import type { CommentRecord, CommentsService } from './comments.service.js';

type OnArticle = Request<{ slug: string }>;
type OnComment = Request<{ slug: string; id: string }>;

export function commentJson(c: CommentRecord): CommentJson {
  return {
    id: c.id,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    body: c.body,
    author: { username: c.author.username, bio: c.author.bio, image: c.author.image, following: c.author.following },
  };
}

function currentUser(req: Request<Record<string, string>>) {
  if (!req.user) throw new Error(`${req.method} ${req.path} has no current user: is requireAuth on this route?`);
  return req.user;
}

/** /api/articles/:slug/comments. */
export function commentsRoutes(comments: CommentsService, { requireAuth, optionalAuth }: Auth): Router {
  const router = Router();
  router.param('slug', slugParam());
  router.get('/articles/:slug/comments', optionalAuth, async (req: OnArticle, res) => {
    res.json({ comments: (await comments.list(req.params.slug, req.user)).map(commentJson) });
  });
  router.post('/articles/:slug/comments', requireAuth, async (req: OnArticle, res) => {
    const comment = await comments.add(req.params.slug, currentUser(req), req.body?.comment);
    res.status(201).json({ comment: commentJson(comment) });
  });
  router.delete('/articles/:slug/comments/:id', requireAuth, async (req: OnComment, res) => {
    await comments.remove(currentUser(req), req.params.slug, req.params.id);
    res.status(204).end();
  });
  return router;
}
