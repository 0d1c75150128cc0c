import { ForeignKeyConstraintError, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import type { CurrentUser } from '../auth/current-user.js';
import { mayDelete, mayEdit } from '../auth/policies.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../http/errors.js';
import { DEFAULT_LIMIT, FeedQuery, ListQuery as ListQuerySchema, NewArticle, UpdateArticle } from '../http/schemas.js';
import { parseInput } from '../http/validation.js';
import { couldBeAUsername } from '../profiles/profiles.service.js';
import type { ArticleChanges, ArticleRecord, ArticleRepository } from './articles.repository.js';

/** The rules about articles. No req, no res: handlers translate HTTP to these calls and back. */
export interface ArticlesService {
  /** `viewer`: the signed-in reader, whose `favorited` and `following` the answer shows; undefined when anonymous. */
  list(query: ListQuery, viewer?: CurrentUser): Promise<ArticlePage>;
  /** The articles of the users `viewer` follows, newest first. */
  feed(query: ListQuery, viewer: CurrentUser): Promise<ArticlePage>;
  get(slug: string, viewer?: CurrentUser): Promise<ArticleRecord>;
  create(author: CurrentUser, input: unknown): Promise<ArticleRecord>;
  /** Only the author: anyone else gets a ForbiddenError (403). */
  update(user: CurrentUser, slug: string, input: unknown): Promise<ArticleRecord>;
  /** The author or an admin. */
  remove(user: CurrentUser, slug: string): Promise<void>;
  /** Favoriting twice counts once; unfavoriting what was not favorited changes nothing. */
  favorite(user: CurrentUser, slug: string): Promise<ArticleRecord>;
  unfavorite(user: CurrentUser, slug: string): Promise<ArticleRecord>;
}

/** The query string as Express parsed it: anything can be in it. */
export type ListQuery = Record<string, unknown>;

export interface ArticlePage {
  articles: ArticleRecord[];
  /** How many articles match the filters in all, before limit and offset. */
  articlesCount: number;
}

export interface ArticlesServiceDeps {
  db: Sequelize;
  articles: ArticleRepository;
  clock: () => Date;
  /**
   * Called after every committed write that can change the tags in use (the tags cache listens),
   * and awaited before the answer: with several instances, telling the others takes a round trip.
   */
  tagsChanged?: () => void | Promise<void>;
}

// The page size, its cap and the longest text of each field: with the rules that use them, in
// src/http/schemas.ts. A value that is too long is a 422 naming the field, never a database error.
export { DEFAULT_LIMIT, MAX_LENGTH, MAX_LIMIT, MAX_TAGS } from '../http/schemas.js';

/** Two writers can pick the same free slug at once; the unique index refuses the second, which tries again. */
const SLUG_ATTEMPTS = 5;

const isSlugClash = (err: unknown): boolean =>
  err instanceof UniqueConstraintError && (Object.keys(err.fields ?? {}).some((f) => f.includes('slug')) || /slug/.test(err.message + String(err.parent?.message ?? '')));

export function createArticlesService({ db, articles, clock, tagsChanged = () => {} }: ArticlesServiceDeps): ArticlesService {
  async function findOr404(slug: string, viewerId?: number, transaction?: Transaction): Promise<ArticleRecord> {
    const article = await articles.findBySlug(slug, viewerId, transaction);
    if (!article) throw new NotFoundError('article');
    return article;
  }

  /** The title's slug, with -2, -3, … added while another article already has it. */
  async function uniqueSlug(title: string, ownId: number | undefined, transaction: Transaction, attempt: number): Promise<string> {
    const base = slugify(title);
    // After a clash, start from a random suffix rather than walking the same numbers again.
    let slug = attempt === 0 ? base : `${base}-${Math.random().toString(36).slice(2, 8)}`;
    // -2 to -9 while one of them is free; after that a random suffix. Walking every number costs one
    // query per article that already has the title, all inside the write transaction, and every
    // title with no Latin letter or digit shares the slug "article": 30,000 of them made a create
    // take 16 s on SQLite, and every other write wait behind it.
    for (let n = 2; await articles.slugTaken(slug, ownId, transaction); n++) slug = `${base}-${n < 10 ? n : Math.random().toString(36).slice(2, 8)}`;
    return slug;
  }

  /** Runs a write in a transaction, again with a fresh slug if another writer took ours meanwhile. */
  async function withSlugRetry<T>(work: (transaction: Transaction, attempt: number) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await db.transaction((t) => work(t, attempt));
      } catch (err) {
        if (!isSlugClash(err) || attempt + 1 >= SLUG_ATTEMPTS) throw err;
      }
    }
  }

  return {
    async list(query, viewer) {
      const filter = parseListQuery(query);
      // A tag never starts or ends with a space, and ?author and ?favorited name a user: a filter no
      // tag or username can match matches nothing. Asking anyway would find 'tea' for 'tea ' on
      // MySQL, whose collations ignore trailing spaces (and fold accents in usernames).
      const noTag = filter.tag !== undefined && filter.tag !== filter.tag.trim();
      const noUser = [filter.author, filter.favorited].some((name) => name !== undefined && !couldBeAUsername(name));
      if (noTag || noUser) return { articles: [], articlesCount: 0 };
      return articles.list(filter, viewer?.id);
    },

    async feed(query, viewer) {
      // Only the page: ?tag, ?author and ?favorited are the list's filters, not the feed's.
      const { limit = DEFAULT_LIMIT, offset = 0 } = parseInput(FeedQuery, query, 'query');
      return articles.list({ feedOf: viewer.id, limit, offset }, viewer.id);
    },

    async get(slug, viewer) {
      return findOr404(slug, viewer?.id);
    },

    async create(author, input) {
      const fields = parseNewArticle(input);
      const now = clock();
      // The article, its new tags and its tag links are saved together or not at all.
      const id = await withSlugRetry(async (transaction, attempt) =>
        articles.insert({ ...fields, slug: await uniqueSlug(fields.title, undefined, transaction, attempt), authorId: author.id, createdAt: now, updatedAt: now }, transaction),
      );
      await tagsChanged();
      const slug = await articles.slugOf(id);
      return findOr404(slug ?? '', author.id);
    },

    async update(user, slug, input) {
      const newSlug = await withSlugRetry(async (transaction, attempt) => {
        const article = await findOr404(slug, user.id, transaction);
        // Who may, before what: someone else's article is a 403 whatever they sent.
        if (!mayEdit(user, article.author.id)) throw new ForbiddenError({ article: ['can only be changed by its author'] });
        const changes: ArticleChanges = parseChanges(input);
        const patch: ArticleChanges = { ...changes, updatedAt: clock() };
        // The title sent again unchanged (a front end's editor sends every field) keeps its slug: past
        // -9 the suffix is random, and a new one would move the article's address on every save.
        if (changes.title !== undefined && changes.title !== article.title) patch.slug = await uniqueSlug(changes.title, article.id, transaction, attempt);
        await articles.update(article.id, patch, transaction);
        return patch.slug ?? article.slug;
      });
      await tagsChanged();
      return findOr404(newSlug, user.id);
    },

    async remove(user, slug) {
      const article = await findOr404(slug);
      if (!mayDelete(user, article.author.id)) throw new ForbiddenError({ article: ['can only be deleted by its author or an admin'] });
      // Two deletes at once both find the article; the one that did not remove it answers 404.
      const removed = await articles.remove(article.id);
      await tagsChanged();
      if (!removed) throw new NotFoundError('article');
    },

    async favorite(user, slug) {
      const article = await findOr404(slug);
      try {
        await articles.favorite(article.id, user.id, clock());
      } catch (err) {
        // Deleted between our read and our insert: the favorite points at nothing. Not the
        // client's mistake to fix (a 422), just an article that is gone.
        if (err instanceof ForeignKeyConstraintError) throw new NotFoundError('article');
        throw err;
      }
      return findOr404(slug, user.id);
    },

    async unfavorite(user, slug) {
      const article = await findOr404(slug);
      await articles.unfavorite(article.id, user.id);
      return findOr404(slug, user.id);
    },
  };
}

/**
 * "How to Train Your Dragon!" → "how-to-train-your-dragon". Accents are folded ("Café" → "cafe");
 * a title with no letters or digits left ("¿¡!?", "日本語") falls back to "article", and the
 * uniqueness suffix tells such articles apart.
 */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // the accents NFKD split off their letters
    .toLowerCase()
    .replace(/['’]/g, '') // "don't" → "dont", not "don-t"
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 80)
    .replace(/^-+|-+$/g, '');
  return slug || 'article';
}

// ── Validation: the rules live in src/http/schemas.ts, the one place the OpenAPI document reads too.

/** tagList as stored: trimmed, each once, in alphabetical order (docs/conduit-api.md §8). */
const normalizeTags = (tags: string[]): string[] => [...new Set(tags.map((tag) => tag.trim()))].sort();

interface NewArticleFields {
  title: string;
  description: string;
  body: string;
  tagList: string[];
}

function parseNewArticle(input: unknown): NewArticleFields {
  const { title, description, body, tagList = [] } = parseInput(NewArticle, input, 'article');
  return { title, description, body, tagList: normalizeTags(tagList) };
}

/** An update may send any of title, description, body, tagList; everything else is ignored. */
function parseChanges(input: unknown): ArticleChanges {
  const { tagList, ...texts } = parseInput(UpdateArticle, input, 'article');
  const changes: ArticleChanges = { ...texts, ...(tagList === undefined ? {} : { tagList: normalizeTags(tagList) }) };
  if (Object.keys(changes).length === 0) {
    throw new ValidationError({ article: ['needs at least one of title, description, body, tagList'] });
  }
  return changes;
}

interface ListParams {
  tag?: string;
  author?: string;
  favorited?: string;
  limit: number;
  offset: number;
}

function parseListQuery(query: ListQuery): ListParams {
  const { limit = DEFAULT_LIMIT, offset = 0, ...filters } = parseInput(ListQuerySchema, query, 'query');
  return { ...filters, limit, offset };
}
