import { randomBytes } from 'node:crypto';
import { UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import { z } from 'zod';
import type { CurrentUser } from '../auth/current-user.js';
import { NotFoundError, ValidationError, type ErrorMessages } from '../http/errors.js';
import type { ArticleChanges, ArticleRecord, ArticleRepository } from './articles.repository.js';
import { isPossibleSlug } from './slug-rules.js';

/** The rules about articles. No req, no res: handlers translate HTTP to these calls and back. */
export interface ArticlesService {
  list(query: ListQuery): Promise<ArticlePage>;
  get(slug: string): Promise<ArticleRecord>;
  create(author: CurrentUser, input: unknown): Promise<ArticleRecord>;
  update(slug: string, input: unknown): Promise<ArticleRecord>;
  remove(slug: string): Promise<void>;
}

export type ListQuery = Record<string, unknown>;

export interface ArticlePage {
  articles: ArticleRecord[];
  articlesCount: number;
}

export interface ArticlesServiceDeps {
  db: Sequelize;
  articles: ArticleRepository;
  clock: () => Date;
}

// ── Validation with zod: every schema reports all its problems, keyed by the field ──────────────

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const codePoints = (s: string): number => [...s].length;

const text = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? "can't be blank" : 'must be a string') })
    .refine((s) => s.trim() !== '', "can't be blank")
    .refine((s) => !UNSTORABLE.test(s), 'must not contain a NUL character or broken Unicode')
    .refine((s) => codePoints(s) <= max, `is too long (at most ${max} characters)`);

const tagList = z
  .array(z.string().refine((t) => t.trim() !== ''), { error: 'must be an array of non-blank strings' })
  .refine((tags) => tags.length <= 10, 'has too many tags (at most 10)')
  .refine((tags) => tags.every((t) => !UNSTORABLE.test(t)), 'has a tag with a NUL character or broken Unicode')
  .refine((tags) => tags.every((t) => codePoints(t.trim()) <= 64), 'has a tag longer than 64 characters')
  .transform((tags) => [...new Set(tags.map((t) => t.trim()))].sort());

const newArticle = z.object({
  title: text(255),
  description: text(1024),
  body: text(50_000),
  tagList: tagList.optional().transform((tags) => tags ?? []),
});

const articleChanges = z
  .object({ title: text(255).optional(), description: text(1024).optional(), body: text(50_000).optional(), tagList: tagList.optional() })
  .refine((c) => Object.values(c).some((v) => v !== undefined), { message: 'needs at least one of title, description, body, tagList', path: ['article'] });

const wrapper = z.record(z.string(), z.unknown(), { error: 'is required: send {"article": {…}}' });

const count = (name: string, fallback: number, min: number, max: number) =>
  z
    .string({ error: `must be a whole number from ${min} to ${max}` })
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n) && n >= min && n <= max, `must be a whole number from ${min} to ${max}`)
    .optional()
    .transform((n) => n ?? fallback)
    .describe(name);

const filter = z
  .string({ error: 'must be given once, as text' })
  .refine((s) => !UNSTORABLE.test(s), 'must not contain a NUL character or broken Unicode')
  .optional();

const listQuery = z.object({
  tag: filter,
  author: filter,
  limit: count('limit', 20, 1, 100),
  offset: count('offset', 0, 0, Number.MAX_SAFE_INTEGER),
});

/** zod's issues as the Conduit envelope: the first element of each path names the field. */
function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors: ErrorMessages = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? 'article');
    if (!errors[key]?.includes(issue.message)) (errors[key] ??= []).push(issue.message);
  }
  throw new ValidationError(errors);
}

function unwrap(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ValidationError({ article: ['is required: send {"article": {"title": …, "description": …, "body": …}}'] });
  return parse(wrapper, input);
}

// ── Slugs ───────────────────────────────────────────────────────────────────────────────────────

/**
 * Lower case, words joined by "-", punctuation gone. Latin accents are folded ("Café" → "cafe");
 * letters of other scripts stay as they are ("日本語のタイトル" keeps its letters), so only a title
 * with no letter or digit at all falls back to "untitled".
 */
export function slugify(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/([A-Za-z])\p{M}+/gu, '$1')
    .normalize('NFC')
    .toLowerCase()
    .replace(/['’]/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
  const slug = [...words.join('-')].slice(0, 80).join('').replace(/-+$/, '');
  return slug === '' ? 'untitled' : slug;
}

const suffix = (): string => randomBytes(4).readUInt32BE(0).toString(36).padStart(6, '0').slice(-6);

const clashesOnSlug = (err: unknown): boolean =>
  err instanceof UniqueConstraintError && /slug/i.test(`${JSON.stringify(err.fields ?? {})} ${err.message} ${String(err.parent?.message ?? '')}`);

const SLUG_TRIES = 6;

export function createArticlesService({ db, articles, clock }: ArticlesServiceDeps): ArticlesService {
  async function found(slug: string, transaction?: Transaction): Promise<ArticleRecord> {
    // No route guards the :slug: every lookup by slug comes through here, and a slug no article
    // can have is "not found" without a query.
    const article = isPossibleSlug(slug) ? await articles.findBySlug(slug, transaction) : undefined;
    if (!article) throw new NotFoundError('article');
    return article;
  }

  /**
   * Runs `write(slug)` inside the transaction, each try in a savepoint of its own: when the unique
   * index turns the slug down (another request took it meanwhile), only that try is rolled back and
   * the next one takes the base with a random suffix. The transaction itself goes on.
   */
  async function withFreeSlug(title: string, ownSlug: string | undefined, t: Transaction, write: (slug: string, sp: Transaction) => Promise<void>): Promise<string> {
    const base = slugify(title);
    // The same title again keeps the slug it has, suffix included.
    if (ownSlug !== undefined && (ownSlug === base || (ownSlug.startsWith(`${base}-`) && /^[0-9a-z]{6}$/.test(ownSlug.slice(base.length + 1))))) {
      await write(ownSlug, t);
      return ownSlug;
    }
    let slug = (await articles.slugTaken(base, t)) ? `${base}-${suffix()}` : base;
    for (let attempt = 1; ; attempt++) {
      try {
        const chosen = slug;
        await db.transaction({ transaction: t }, (sp) => write(chosen, sp));
        return chosen;
      } catch (err) {
        if (!clashesOnSlug(err) || attempt >= SLUG_TRIES) throw err;
        slug = `${base}-${suffix()}`;
      }
    }
  }

  return {
    async list(query) {
      const { tag, author, limit, offset } = parse(listQuery, query);
      // Nothing stored starts or ends with a space; MySQL would still match 'tea ' with 'tea'.
      if ([tag, author].some((v) => v !== undefined && v.trim() !== v)) return { articles: [], articlesCount: 0 };
      return articles.list({ tag, author, limit, offset });
    },

    get: (slug) => found(slug),

    async create(author, input) {
      const fields = parse(newArticle, unwrap(input));
      const at = clock();
      const slug = await db.transaction((t) =>
        withFreeSlug(fields.title, undefined, t, async (chosen, sp) => {
          await articles.insert({ ...fields, slug: chosen, authorId: author.id, createdAt: at, updatedAt: at }, sp);
        }),
      );
      return found(slug);
    },

    async update(slug, input) {
      const changes: ArticleChanges = parse(articleChanges, unwrap(input));
      const finalSlug = await db.transaction(async (t) => {
        const article = await found(slug, t);
        const patch: ArticleChanges = { ...changes, updatedAt: clock() };
        if (changes.title === undefined) {
          await articles.update(article.id, patch, t);
          return article.slug;
        }
        return withFreeSlug(changes.title, article.slug, t, (chosen, sp) => articles.update(article.id, { ...patch, slug: chosen }, sp));
      });
      return found(finalSlug);
    },

    async remove(slug) {
      const article = await found(slug);
      if ((await articles.remove(article.id)) === 0) throw new NotFoundError('article');
    },
  };
}
