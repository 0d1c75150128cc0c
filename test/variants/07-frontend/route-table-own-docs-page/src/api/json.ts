import type { ArticleRecord } from '../articles/articles.repository.js';
import type { CurrentUser } from '../auth/current-user.js';
import type { CommentRecord } from '../comments/comments.service.js';
import type { ArticleJson, ArticleListItemJson, CommentJson, ProfileJson, UserJson } from '../http/schemas.js';

/**
 * What goes out, field by field (docs/conduit-api.md §4). Typed by the zod response schemas of
 * src/http/schemas.ts, which the OpenAPI document is made from: a field added here and not there
 * does not compile. Never a spread of a record: what is added to a record later stays in.
 */
export const userJson = (user: CurrentUser, token: string): UserJson => ({ email: user.email, token, username: user.username, bio: user.bio, image: user.image });

const profileJson = (p: { username: string; bio: string | null; image: string | null; following: boolean }): ProfileJson => ({ username: p.username, bio: p.bio, image: p.image, following: p.following });

export function articleJson(a: ArticleRecord): ArticleJson {
  return { ...articleListItemJson(a), body: a.body };
}

/** In a list, everything but the body. */
export function articleListItemJson(a: ArticleRecord): ArticleListItemJson {
  return {
    slug: a.slug,
    title: a.title,
    description: a.description,
    tagList: a.tagList,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    favorited: a.favorited,
    favoritesCount: a.favoritesCount,
    author: profileJson(a.author),
  };
}

export const commentJson = (c: CommentRecord): CommentJson => ({
  id: c.id,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
  body: c.body,
  author: profileJson(c.author),
});
