import { ForeignKeyConstraintError, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import type { CurrentUser } from '../auth/current-user.js';
import { mayDelete, mayEdit } from '../auth/policies.js';
import { ForbiddenError, NotFoundError, ValidationError, type ErrorMessages } from '../http/errors.js';
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
}

export const DEFAULT_LIMIT = 20;
/** The largest page. Without a cap, ?limit=1000000 asks for every article in one answer. */
export const MAX_LIMIT = 100;

/**
 * The longest text each field takes, in characters (an emoji counts as one, as databases count
 * them): the sizes of the columns (src/db/migrations). Checked here, a value that is too long is
 * a 422 naming the field, never a database error.
 */
export const MAX_LENGTH = { title: 255, description: 1024, body: 50_000, tag: 64 } as const;
/** Tags per article. */
export const MAX_TAGS = 10;

/** Two writers can pick the same free slug at once; the unique index refuses the second, which tries again. */
const SLUG_ATTEMPTS = 5;

const isSlugClash = (err: unknown): boolean =>
  err instanceof UniqueConstraintError && (Object.keys(err.fields ?? {}).some((f) => f.includes('slug')) || /slug/.test(err.message + String(err.parent?.message ?? '')));

export function createArticlesService({ db, articles, clock }: ArticlesServiceDeps): ArticlesService {
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
      const { limit, offset } = parseListQuery({ limit: query.limit, offset: query.offset });
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
      return findOr404(newSlug, user.id);
    },

    async remove(user, slug) {
      const article = await findOr404(slug);
      if (!mayDelete(user, article.author.id)) throw new ForbiddenError({ article: ['can only be deleted by its author or an admin'] });
      // Two deletes at once both find the article; the one that did not remove it answers 404.
      if (!(await articles.remove(article.id))) throw new NotFoundError('article');
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

// ── Validation: the edge of the app. Everything below reads `unknown` input and either returns
// ── typed values or throws one ValidationError that lists every problem at once.

const TEXT_FIELDS = ['title', 'description', 'body'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

interface NewArticleFields {
  title: string;
  description: string;
  body: string;
  tagList: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function addError(errors: ErrorMessages, key: string, message: string): void {
  (errors[key] ??= []).push(message);
}

function throwIfAny(errors: ErrorMessages): void {
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

function requireArticleObject(input: unknown): Record<string, unknown> {
  if (!isObject(input)) {
    throw new ValidationError({ article: ['is required: send {"article": {"title": …, "description": …, "body": …}}'] });
  }
  return input;
}

/**
 * Text no database keeps as it was sent: the NUL character (SQLite stops reading at it,
 * PostgreSQL refuses it) and half of a surrogate pair (UTF-8 has no way to write it).
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_MESSAGE = 'must not contain a NUL character or broken Unicode';

/** More than `max` characters? Counted in code points: "🐉" is one character, two UTF-16 units. */
function longerThan(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let count = 0;
  for (const _character of text) if (++count > max) return true;
  return false;
}

/** A text field: when present, a string with something in it besides spaces, within its limits. */
function readText(errors: ErrorMessages, field: TextField, value: unknown): string | undefined {
  if (typeof value !== 'string') {
    addError(errors, field, value === undefined || value === null ? "can't be blank" : 'must be a string');
    return undefined;
  }
  if (value.trim() === '') addError(errors, field, "can't be blank");
  if (UNSTORABLE.test(value)) addError(errors, field, UNSTORABLE_MESSAGE);
  if (longerThan(value, MAX_LENGTH[field])) addError(errors, field, `is too long (at most ${MAX_LENGTH[field]} characters)`);
  return value;
}

/** tagList: at most MAX_TAGS non-blank strings; comes back trimmed, distinct and sorted. */
function readTags(errors: ErrorMessages, value: unknown): string[] | undefined {
  if (!Array.isArray(value) || !value.every((tag) => typeof tag === 'string' && tag.trim() !== '')) {
    addError(errors, 'tagList', 'must be an array of non-blank strings');
    return undefined;
  }
  if (value.length > MAX_TAGS) addError(errors, 'tagList', `has too many tags (at most ${MAX_TAGS})`);
  if (value.some((tag: string) => UNSTORABLE.test(tag))) addError(errors, 'tagList', 'has a tag with a NUL character or broken Unicode');
  if (value.some((tag: string) => longerThan(tag.trim(), MAX_LENGTH.tag))) addError(errors, 'tagList', `has a tag longer than ${MAX_LENGTH.tag} characters`);
  return [...new Set(value.map((tag: string) => tag.trim()))].sort();
}

function parseNewArticle(input: unknown): NewArticleFields {
  const article = requireArticleObject(input);
  const errors: ErrorMessages = {};
  const title = readText(errors, 'title', article.title);
  const description = readText(errors, 'description', article.description);
  const body = readText(errors, 'body', article.body);
  const tagList = article.tagList === undefined ? [] : readTags(errors, article.tagList);
  throwIfAny(errors);
  return { title: title!, description: description!, body: body!, tagList: tagList! };
}

/** An update may send any of title, description, body, tagList; everything else is ignored. */
function parseChanges(input: unknown): ArticleChanges {
  const article = requireArticleObject(input);
  const errors: ErrorMessages = {};
  const changes: ArticleChanges = {};
  for (const field of TEXT_FIELDS) {
    if (article[field] === undefined) continue;
    const value = readText(errors, field, article[field]);
    if (value !== undefined) changes[field] = value;
  }
  if (article.tagList !== undefined) {
    const tagList = readTags(errors, article.tagList);
    if (tagList !== undefined) changes.tagList = tagList;
  }
  throwIfAny(errors);
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
  const errors: ErrorMessages = {};
  const params: ListParams = {
    tag: readFilter(errors, 'tag', query.tag),
    author: readFilter(errors, 'author', query.author),
    favorited: readFilter(errors, 'favorited', query.favorited),
    limit: readCount(errors, 'limit', query.limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
    offset: readCount(errors, 'offset', query.offset, 0, 0),
  };
  throwIfAny(errors);
  return params;
}

/** ?tag=dragons. Given twice (?tag=a&tag=b), Express hands us an array: refuse it. */
function readFilter(errors: ErrorMessages, name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    addError(errors, name, 'must be given once, as text');
    return undefined;
  }
  if (UNSTORABLE.test(value)) {
    addError(errors, name, UNSTORABLE_MESSAGE);
    return undefined;
  }
  return value;
}

/**
 * ?limit=10: digits only, so "-1", "abc", "1e3" and "2.5" are refused rather than guessed at, and
 * so is a number too large to be exact (a database would refuse it, with a 500).
 */
function readCount(errors: ErrorMessages, name: string, value: unknown, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < min || Number(value) > max) {
    addError(errors, name, max === Number.MAX_SAFE_INTEGER ? `must be a whole number of at least ${min}` : `must be a whole number from ${min} to ${max}`);
    return fallback;
  }
  return Number(value);
}
