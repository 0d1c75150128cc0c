import type { Request, RequestHandler } from 'express';
import type { CurrentUser } from '../auth/current-user.js';
import type { ArticleJson, ArticleListItemJson } from '../http/schemas.js';
import type { ArticlesService } from './articles.service.js';
import type { ArticleRecord } from './articles.repository.js';

/** One article as Conduit clients expect it (docs/conduit-api.md §4). */
export function articleJson(article: ArticleRecord): ArticleJson {
  return {
    slug: article.slug,
    title: article.title,
    description: article.description,
    body: article.body,
    tagList: article.tagList,
    createdAt: article.createdAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
    favorited: article.favorited,
    favoritesCount: article.favoritesCount,
    author: { username: article.author.username, bio: article.author.bio, image: article.author.image, following: article.author.following },
  };
}

/** List items leave out `body`: a page of articles stays small, and lists only show previews. */
function listItemJson(article: ArticleRecord): ArticleListItemJson {
  const { body: _body, ...item } = articleJson(article);
  return item;
}

/** The user the authentication middleware put on the request. */
function currentUser(req: Request): CurrentUser {
  // A route without the middleware is a bug in our wiring, not the client's fault: a 500 is right.
  if (!req.user) throw new Error(`${req.method} ${req.path} has no current user: is requireAuth on this route?`);
  return req.user;
}

/** HTTP in, service call, HTTP out. The rules live in the service. */
export function articlesHandlers(articles: ArticlesService) {
  const list: RequestHandler = async (req, res) => {
    const page = await articles.list(req.query, req.user);
    res.json({ articles: page.articles.map(listItemJson), articlesCount: page.articlesCount });
  };

  const feed: RequestHandler = async (req, res) => {
    const page = await articles.feed(req.query, currentUser(req));
    res.json({ articles: page.articles.map(listItemJson), articlesCount: page.articlesCount });
  };

  const get: RequestHandler<{ slug: string }> = async (req, res) => {
    const article = await articles.get(req.params.slug, req.user);
    res.json({ article: articleJson(article) });
  };

  const favorite: RequestHandler<{ slug: string }> = async (req, res) => {
    res.json({ article: articleJson(await articles.favorite(currentUser(req), req.params.slug)) });
  };

  const unfavorite: RequestHandler<{ slug: string }> = async (req, res) => {
    res.json({ article: articleJson(await articles.unfavorite(currentUser(req), req.params.slug)) });
  };

  const create: RequestHandler = async (req, res) => {
    // req.body is undefined when no JSON came at all, hence the ?.
    const article = await articles.create(currentUser(req), req.body?.article);
    res.status(201).json({ article: articleJson(article) });
  };

  const update: RequestHandler<{ slug: string }> = async (req, res) => {
    const article = await articles.update(currentUser(req), req.params.slug, req.body?.article);
    res.json({ article: articleJson(article) });
  };

  const remove: RequestHandler<{ slug: string }> = async (req, res) => {
    await articles.remove(currentUser(req), req.params.slug);
    res.status(204).end();
  };

  return { list, feed, get, create, update, remove, favorite, unfavorite };
}
