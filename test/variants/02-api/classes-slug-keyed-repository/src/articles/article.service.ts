import type { CurrentUser } from '../auth/current-user.js';
import { NotFoundError, ValidationError, type ErrorMessages } from '../http/errors.js';
import type { Article, ArticleRepository } from './article.repository.js';

const SIZES: Record<'title' | 'description' | 'body', number> = { title: 255, description: 1024, body: 50000 };
const TAG_SIZE = 64;
const TAG_COUNT = 10;
const PAGE_DEFAULT = 20;
const PAGE_MAX = 100;
const TAGS_SHOWN = 100;

/** True when the text has a NUL or a surrogate without its partner. */
function unstorable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return true;
    }
  }
  return false;
}

const characters = (text: string) => Array.from(text).length;

class Problems {
  readonly messages: ErrorMessages = {};
  add(key: string, message: string) {
    (this.messages[key] ??= []).push(message);
  }
  get any() {
    return Object.keys(this.messages).length > 0;
  }
  throwIfAny() {
    if (this.any) throw new ValidationError(this.messages);
  }
}

function toSlug(title: string): string {
  const words = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.join('-').slice(0, 60).replace(/-$/, '') || 'untitled';
}

export interface Page {
  articles: Article[];
  count: number;
}

export class ArticleService {
  constructor(
    private readonly repo: ArticleRepository,
    private readonly now: () => Date,
  ) {}

  list(query: Record<string, unknown>): Page {
    const problems = new Problems();
    const tag = this.#filter(problems, 'tag', query.tag);
    const author = this.#filter(problems, 'author', query.author);
    const limit = this.#whole(problems, 'limit', query.limit, PAGE_DEFAULT, 1, PAGE_MAX);
    const offset = this.#whole(problems, 'offset', query.offset, 0, 0, Number.MAX_SAFE_INTEGER);
    problems.throwIfAny();
    const matches = this.repo
      .values()
      .filter((a) => (tag === undefined || a.tags.includes(tag)) && (author === undefined || a.author.username === author))
      .sort((a, b) => b.created.getTime() - a.created.getTime() || b.seq - a.seq);
    return { articles: matches.slice(offset, offset + limit), count: matches.length };
  }

  read(slug: string): Article {
    const article = this.repo.get(slug);
    if (!article) throw new NotFoundError('article');
    return article;
  }

  create(author: CurrentUser, input: unknown): Article {
    const fields = this.#object(input);
    const problems = new Problems();
    const title = this.#text(problems, 'title', fields.title);
    const description = this.#text(problems, 'description', fields.description);
    const body = this.#text(problems, 'body', fields.body);
    const tags = fields.tagList === undefined ? [] : this.#tags(problems, fields.tagList);
    problems.throwIfAny();
    const at = this.now();
    return this.repo.add({ slug: this.#freeSlug(title!), title: title!, description: description!, body: body!, tags: tags!, created: at, updated: at, author });
  }

  update(slug: string, input: unknown): Article {
    const current = this.read(slug);
    const fields = this.#object(input);
    const problems = new Problems();
    const next: Article = { ...current };
    let touched = false;
    for (const key of ['title', 'description', 'body'] as const) {
      if (fields[key] === undefined) continue;
      touched = true;
      const value = this.#text(problems, key, fields[key]);
      if (value !== undefined) next[key] = value;
    }
    if (fields.tagList !== undefined) {
      touched = true;
      const tags = this.#tags(problems, fields.tagList);
      if (tags) next.tags = tags;
    }
    problems.throwIfAny();
    if (!touched) throw new ValidationError({ article: ['has nothing to change'] });
    if (fields.title !== undefined) next.slug = this.#freeSlug(next.title, current.slug);
    next.updated = this.now();
    return this.repo.replace(current.slug, next);
  }

  remove(slug: string): void {
    if (!this.repo.delete(slug)) throw new NotFoundError('article');
  }

  tags(): string[] {
    const counts: Record<string, number> = Object.create(null);
    for (const a of this.repo.values()) for (const t of a.tags) counts[t] = (counts[t] ?? 0) + 1;
    return Object.keys(counts)
      .sort((a, b) => counts[b] - counts[a] || (a < b ? -1 : 1))
      .slice(0, TAGS_SHOWN);
  }

  #freeSlug(title: string, own?: string): string {
    const base = toSlug(title);
    if (base === own || !this.repo.has(base)) return base;
    for (let n = 2; ; n++) {
      const candidate = `${base}-${n}`;
      if (candidate === own || !this.repo.has(candidate)) return candidate;
    }
  }

  #object(input: unknown): Record<string, unknown> {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      throw new ValidationError({ article: ['must be an object: {"article": {...}}'] });
    }
    return input as Record<string, unknown>;
  }

  #text(problems: Problems, key: 'title' | 'description' | 'body', value: unknown): string | undefined {
    if (typeof value !== 'string') {
      problems.add(key, value == null ? "can't be blank" : 'must be a string');
      return undefined;
    }
    if (!value.trim()) problems.add(key, "can't be blank");
    else if (unstorable(value)) problems.add(key, 'has characters that cannot be stored');
    else if (characters(value) > SIZES[key]) problems.add(key, `is longer than ${SIZES[key]} characters`);
    return value;
  }

  #tags(problems: Problems, value: unknown): string[] | undefined {
    if (!Array.isArray(value)) {
      problems.add('tagList', 'must be an array');
      return undefined;
    }
    const tags: string[] = [];
    for (const t of value) {
      if (typeof t !== 'string' || !t.trim()) {
        problems.add('tagList', 'must hold non-blank strings only');
        return undefined;
      }
      tags.push(t.trim());
    }
    if (tags.length > TAG_COUNT) problems.add('tagList', `has more than ${TAG_COUNT} tags`);
    if (tags.some(unstorable)) problems.add('tagList', 'has a tag that cannot be stored');
    else if (tags.some((t) => characters(t) > TAG_SIZE)) problems.add('tagList', `has a tag longer than ${TAG_SIZE} characters`);
    return [...new Set(tags)].sort();
  }

  #filter(problems: Problems, key: string, value: unknown): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || unstorable(value)) {
      problems.add(key, 'must be one piece of plain text');
      return undefined;
    }
    return value;
  }

  #whole(problems: Problems, key: string, value: unknown, fallback: number, min: number, max: number): number {
    if (value === undefined) return fallback;
    const n = typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      problems.add(key, max === PAGE_MAX ? `must be a whole number from ${min} to ${max}` : `must be a whole number, at least ${min}`);
      return fallback;
    }
    return n;
  }
}
