import type { Request, RequestHandler } from 'express';
import type { CurrentUser } from '../auth/current-user.js';
import { NotImplementedError } from '../http/errors.js';
import type { ArticlesService } from './articles.service.js';
import type { ArticleRecord } from './articles.store.js';

/** One article as Conduit clients expect it (docs/conduit-api.md §4). */
export function articleJson(article: ArticleRecord) {
  // TODO(02-api): return the Conduit article: slug, title, description, body, tagList,
  // createdAt and updatedAt as ISO strings (toISOString()), favorited: false, favoritesCount: 0,
  // and author: { username, bio, image, following: false }. Favorites and follows come in step 07.
  throw new NotImplementedError('TODO(02-api) in src/articles/articles.handlers.ts: articleJson()');
}

/** The user the authentication middleware put on the request. */
function currentUser(req: Request): CurrentUser {
  // A route without the middleware is a bug in our wiring, not the client's fault: a 500 is right.
  if (!req.user) throw new Error(`${req.method} ${req.path} has no current user: is demoAuthor() on this route?`);
  return req.user;
}

/** HTTP in, service call, HTTP out. The rules live in the service. */
export function articlesHandlers(articles: ArticlesService) {
  const list: RequestHandler = async (_req, _res) => {
    // TODO(02-api): GET /api/articles. Pass req.query to articles.list() and answer 200 with
    // { articles: [...], articlesCount }. List items are articleJson() without `body`.
    throw new NotImplementedError('TODO(02-api) in src/articles/articles.handlers.ts: GET /api/articles');
  };

  const get: RequestHandler<{ slug: string }> = async (_req, _res) => {
    // TODO(02-api): GET /api/articles/:slug. articles.get(req.params.slug), answer 200 { article }.
    throw new NotImplementedError('TODO(02-api) in src/articles/articles.handlers.ts: GET /api/articles/:slug');
  };

  const create: RequestHandler = async (_req, _res) => {
    // TODO(02-api): POST /api/articles. Unwrap the request ({"article": {...}}: req.body is
    // undefined when no JSON came), call articles.create(currentUser(req), …) and answer
    // 201 Created with { article: articleJson(...) }.
    throw new NotImplementedError('TODO(02-api) in src/articles/articles.handlers.ts: POST /api/articles');
  };

  const update: RequestHandler<{ slug: string }> = async (_req, _res) => {
    // TODO(02-api): PUT /api/articles/:slug. articles.update(slug, the unwrapped article),
    // answer 200 { article }.
    throw new NotImplementedError('TODO(02-api) in src/articles/articles.handlers.ts: PUT /api/articles/:slug');
  };

  const remove: RequestHandler<{ slug: string }> = async (_req, _res) => {
    // TODO(02-api): DELETE /api/articles/:slug. articles.remove(slug), then 204 No Content with
    // an empty body.
    throw new NotImplementedError('TODO(02-api) in src/articles/articles.handlers.ts: DELETE /api/articles/:slug');
  };

  return { list, get, create, update, remove };
}
