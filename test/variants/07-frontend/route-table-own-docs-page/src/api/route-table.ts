/**
 * The API as one table: every route once, with what it reads, what it answers and who may call it.
 *
 * src/api/router.ts registers the Express routes from this table, and src/api/openapi.ts writes
 * the OpenAPI document from the very same entries, so a route cannot exist without its
 * documentation, nor be documented without existing. The shapes are the zod schemas of
 * src/http/schemas.ts, which the services validate with: the table only points at them.
 */
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { ArticlesService } from '../articles/articles.service.js';
import type { CurrentUser } from '../auth/current-user.js';
import type { TokenService } from '../auth/tokens.js';
import type { CommentsService } from '../comments/comments.service.js';
import type { ProfilesService } from '../profiles/profiles.service.js';
import type { TagsService } from '../tags/tags.service.js';
import type { UsersService } from '../users/users.service.js';
import {
  ArticleList,
  ArticleResponse,
  CommentList,
  CommentResponse,
  FeedQuery,
  ListQuery,
  LoginRequest,
  NewArticleRequest,
  NewCommentRequest,
  ProfileResponse,
  RegisterRequest,
  TagsResponse,
  UpdateArticleRequest,
  UpdateUserRequest,
  UserResponse,
} from '../http/schemas.js';
import { articleJson, articleListItemJson, commentJson, userJson } from './json.js';

export type Method = 'get' | 'post' | 'put' | 'delete';
/** required: 401 without a valid token; optional: a token personalises the answer; none: ignored. */
export type Access = 'required' | 'optional' | 'none';
/** The error statuses a route may answer besides the catch-all `default` (400 bad JSON, 413, 500, 503). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 422 | 429;

export type Handler = (req: Request<Record<string, string>>, res: Response) => Promise<void> | void;

export interface RouteSpec {
  method: Method;
  /** Express's form, under /api: /articles/:slug. The document writes it /api/articles/{slug}. */
  path: string;
  access: Access;
  tag: string;
  summary: string;
  description?: string;
  /** The request body's schema, as the service validates it (documented as zod reads input). */
  body?: z.ZodType;
  /** The query string's schema: each field becomes a documented query parameter. */
  query?: z.ZodObject;
  /** The answer on success; no schema for an empty answer (204). */
  success: { status: 200 | 201 | 204; description: string; schema?: z.ZodType };
  errors: ErrorStatus[];
  handler: Handler;
}

export interface TableDeps {
  users: UsersService;
  tokens: TokenService;
  profiles: ProfilesService;
  articles: ArticlesService;
  comments: CommentsService;
  tags: TagsService;
}

/** The user requireAuth put on the request; a route without it is our bug, so a 500. */
function signedIn(req: Request<Record<string, string>>): { user: CurrentUser; token: string } {
  if (!req.user || !req.token) throw new Error(`${req.method} ${req.path} has no current user: is its access "required"?`);
  return { user: req.user, token: req.token };
}

const client = (req: Request<Record<string, string>>): string => req.ip ?? 'unknown';

/** Conduit's routes (docs/conduit-api.md §3), in the order Express must try them. */
export function conduitRoutes({ users, tokens, profiles, articles, comments, tags }: TableDeps): RouteSpec[] {
  return [
    // ── Users ──
    {
      method: 'post', path: '/users/login', access: 'none', tag: 'Users', summary: 'Log in',
      description: 'An unknown email and a wrong password get the same answer.',
      body: LoginRequest, success: { status: 200, schema: UserResponse, description: 'The user, with a new token.' }, errors: [400, 401, 422, 429],
      handler: async (req, res) => {
        const user = await users.login(req.body?.user, client(req));
        res.json({ user: userJson(user, tokens.issue(user)) });
      },
    },
    {
      method: 'post', path: '/users', access: 'none', tag: 'Users', summary: 'Register',
      body: RegisterRequest, success: { status: 201, schema: UserResponse, description: 'The new user, signed in: the answer carries a token.' }, errors: [400, 422, 429],
      handler: async (req, res) => {
        const user = await users.register(req.body?.user, client(req));
        res.status(201).json({ user: userJson(user, tokens.issue(user)) });
      },
    },
    {
      method: 'get', path: '/user', access: 'required', tag: 'Users', summary: 'The current user',
      success: { status: 200, schema: UserResponse, description: 'The caller, with the token they sent.' }, errors: [401],
      handler: (req, res) => {
        const { user, token } = signedIn(req);
        res.json({ user: userJson(user, token) });
      },
    },
    {
      method: 'put', path: '/user', access: 'required', tag: 'Users', summary: 'Update the current user',
      description: 'Fields not sent stay as they are. A new password ends every earlier token, and the answer carries a new one.',
      body: UpdateUserRequest, success: { status: 200, schema: UserResponse, description: 'The updated user.' }, errors: [400, 401, 422],
      handler: async (req, res) => {
        const { user, token } = signedIn(req);
        const updated = await users.update(user, req.body?.user);
        // The same token back unless the password changed (a fresh one each time would let a stolen token live for ever).
        res.json({ user: userJson(updated, updated.tokenVersion === user.tokenVersion ? token : tokens.issue(updated)) });
      },
    },
    // ── Profiles ──
    {
      method: 'get', path: '/profiles/:username', access: 'optional', tag: 'Profiles', summary: 'A profile',
      success: { status: 200, schema: ProfileResponse, description: 'The profile.' }, errors: [401, 404],
      handler: async (req, res) => {
        res.json({ profile: await profiles.get(req.params.username, req.user) });
      },
    },
    {
      method: 'post', path: '/profiles/:username/follow', access: 'required', tag: 'Profiles', summary: 'Follow a user',
      description: 'Following twice is following once.',
      success: { status: 200, schema: ProfileResponse, description: 'The profile, following: true.' }, errors: [401, 404],
      handler: async (req, res) => {
        res.json({ profile: await profiles.follow(signedIn(req).user, req.params.username) });
      },
    },
    {
      method: 'delete', path: '/profiles/:username/follow', access: 'required', tag: 'Profiles', summary: 'Unfollow a user',
      success: { status: 200, schema: ProfileResponse, description: 'The profile, following: false.' }, errors: [401, 404],
      handler: async (req, res) => {
        res.json({ profile: await profiles.unfollow(signedIn(req).user, req.params.username) });
      },
    },
    // ── Articles ── (the feed before /articles/:slug, which would take "feed" for a slug)
    {
      method: 'get', path: '/articles', access: 'optional', tag: 'Articles', summary: 'List articles',
      description: 'Newest first. The filters combine.',
      query: ListQuery, success: { status: 200, schema: ArticleList, description: 'A page of articles, without their bodies.' }, errors: [401, 422],
      handler: async (req, res) => {
        const page = await articles.list(req.query, req.user);
        res.json({ articles: page.articles.map(articleListItemJson), articlesCount: page.articlesCount });
      },
    },
    {
      method: 'get', path: '/articles/feed', access: 'required', tag: 'Articles', summary: 'The feed',
      description: 'Articles by the users the caller follows, newest first.',
      query: FeedQuery, success: { status: 200, schema: ArticleList, description: 'A page of articles, without their bodies.' }, errors: [401, 422],
      handler: async (req, res) => {
        const page = await articles.feed(req.query, signedIn(req).user);
        res.json({ articles: page.articles.map(articleListItemJson), articlesCount: page.articlesCount });
      },
    },
    {
      method: 'post', path: '/articles', access: 'required', tag: 'Articles', summary: 'Write an article',
      body: NewArticleRequest, success: { status: 201, schema: ArticleResponse, description: 'The new article.' }, errors: [400, 401, 422],
      handler: async (req, res) => {
        res.status(201).json({ article: articleJson(await articles.create(signedIn(req).user, req.body?.article)) });
      },
    },
    {
      method: 'get', path: '/articles/:slug', access: 'optional', tag: 'Articles', summary: 'An article',
      success: { status: 200, schema: ArticleResponse, description: 'The article, with its body.' }, errors: [401, 404],
      handler: async (req, res) => {
        res.json({ article: articleJson(await articles.get(req.params.slug, req.user)) });
      },
    },
    {
      method: 'put', path: '/articles/:slug', access: 'required', tag: 'Articles', summary: 'Edit an article',
      description: 'Its author only. A new title makes a new slug.',
      body: UpdateArticleRequest, success: { status: 200, schema: ArticleResponse, description: 'The edited article.' }, errors: [400, 401, 403, 404, 422],
      handler: async (req, res) => {
        res.json({ article: articleJson(await articles.update(signedIn(req).user, req.params.slug, req.body?.article)) });
      },
    },
    {
      method: 'delete', path: '/articles/:slug', access: 'required', tag: 'Articles', summary: 'Delete an article',
      description: 'Its author or an admin. Its comments and favorites go with it.',
      success: { status: 204, description: 'Deleted.' }, errors: [401, 403, 404],
      handler: async (req, res) => {
        await articles.remove(signedIn(req).user, req.params.slug);
        res.status(204).end();
      },
    },
    {
      method: 'post', path: '/articles/:slug/favorite', access: 'required', tag: 'Favorites', summary: 'Favorite an article',
      description: 'Favoriting twice counts once.',
      success: { status: 200, schema: ArticleResponse, description: 'The article, favorited: true.' }, errors: [401, 404],
      handler: async (req, res) => {
        res.json({ article: articleJson(await articles.favorite(signedIn(req).user, req.params.slug)) });
      },
    },
    {
      method: 'delete', path: '/articles/:slug/favorite', access: 'required', tag: 'Favorites', summary: 'Unfavorite an article',
      success: { status: 200, schema: ArticleResponse, description: 'The article, favorited: false.' }, errors: [401, 404],
      handler: async (req, res) => {
        res.json({ article: articleJson(await articles.unfavorite(signedIn(req).user, req.params.slug)) });
      },
    },
    // ── Comments ──
    {
      method: 'get', path: '/articles/:slug/comments', access: 'optional', tag: 'Comments', summary: "An article's comments",
      success: { status: 200, schema: CommentList, description: 'Oldest first.' }, errors: [401, 404],
      handler: async (req, res) => {
        res.json({ comments: (await comments.list(req.params.slug, req.user)).map(commentJson) });
      },
    },
    {
      method: 'post', path: '/articles/:slug/comments', access: 'required', tag: 'Comments', summary: 'Comment on an article',
      body: NewCommentRequest, success: { status: 201, schema: CommentResponse, description: 'The new comment.' }, errors: [400, 401, 404, 422],
      handler: async (req, res) => {
        res.status(201).json({ comment: commentJson(await comments.add(req.params.slug, signedIn(req).user, req.body?.comment)) });
      },
    },
    {
      method: 'delete', path: '/articles/:slug/comments/:id', access: 'required', tag: 'Comments', summary: 'Delete a comment',
      description: 'Its author or an admin.',
      success: { status: 204, description: 'Deleted.' }, errors: [401, 403, 404],
      handler: async (req, res) => {
        await comments.remove(signedIn(req).user, req.params.slug, req.params.id);
        res.status(204).end();
      },
    },
    // ── Tags ──
    {
      method: 'get', path: '/tags', access: 'none', tag: 'Tags', summary: 'The tags in use',
      success: { status: 200, schema: TagsResponse, description: 'The most used tags, most used first.' }, errors: [],
      handler: async (_req, res) => {
        res.json({ tags: await tags.list() });
      },
    },
  ];
}
