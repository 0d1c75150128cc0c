import type { CurrentUser } from '../auth/current-user.js';
import { NotImplementedError } from '../http/errors.js';
import type { ArticleRecord, ArticleStore } from './articles.store.js';

/** The rules about articles. No req, no res: handlers translate HTTP to these calls and back. */
export interface ArticlesService {
  list(query: ListQuery): Promise<ArticlePage>;
  get(slug: string): Promise<ArticleRecord>;
  create(author: CurrentUser, input: unknown): Promise<ArticleRecord>;
  update(slug: string, input: unknown): Promise<ArticleRecord>;
  remove(slug: string): Promise<void>;
}

/** The query string as Express parsed it: anything can be in it. */
export type ListQuery = Record<string, unknown>;

export interface ArticlePage {
  articles: ArticleRecord[];
  /** How many articles match the filters in all, before limit and offset. */
  articlesCount: number;
}

export interface ArticlesServiceDeps {
  store: ArticleStore;
  clock: () => Date;
}

export const DEFAULT_LIMIT = 20;

// The errors to throw are in ../http/errors.ts: ValidationError (422, with field-keyed messages
// such as { title: ["can't be blank"] }) and NotFoundError (404). The error handler answers them.
export function createArticlesService({ store, clock }: ArticlesServiceDeps): ArticlesService {
  return {
    async list(query) {
      // TODO(02-api): read tag, author, limit (default DEFAULT_LIMIT, from 1 to 100) and offset
      // (default 0, at least 0) from the query; anything else is a ValidationError (422). Keep
      // the articles that match every filter given, newest first (createdAt, then id for
      // articles created in the same millisecond), and return one page of them plus how many
      // matched in all.
      throw new NotImplementedError('TODO(02-api) in src/articles/articles.service.ts: list()');
    },

    async get(slug) {
      // TODO(02-api): the article with this slug, or a NotFoundError.
      throw new NotImplementedError('TODO(02-api) in src/articles/articles.service.ts: get()');
    },

    async create(author, input) {
      // TODO(02-api): `input` is whatever came in the "article" key: check it is an object with
      // title, description and body (non-blank strings) and an optional tagList (non-blank
      // strings, kept once each, sorted), each within its limits (docs/02-api.md#limits). Then
      // store it with a unique slug (slugify below) and createdAt = updatedAt = clock().
      throw new NotImplementedError('TODO(02-api) in src/articles/articles.service.ts: create()');
    },

    // Step 04 adds the other rule of updates and deletes: only the author may do them (403).
    async update(slug, input) {
      // TODO(02-api): find the article (404 if none), validate the fields sent (title,
      // description, body, tagList; ignore the rest; same rules and limits as create), give it a
      // new slug when the title changes, set updatedAt = clock() and save.
      throw new NotImplementedError('TODO(02-api) in src/articles/articles.service.ts: update()');
    },

    async remove(slug) {
      // TODO(02-api): find the article (404 if none) and remove it from the store.
      throw new NotImplementedError('TODO(02-api) in src/articles/articles.service.ts: remove()');
    },
  };
}

/**
 * "How to Train Your Dragon!" → "how-to-train-your-dragon".
 */
export function slugify(title: string): string {
  // TODO(02-api): lower case, every run of characters other than a-z and 0-9 becomes one "-",
  // no "-" at either end. A title with nothing left ("¿¡!?", "日本語") still needs a slug.
  throw new NotImplementedError('TODO(02-api) in src/articles/articles.service.ts: slugify()');
}
