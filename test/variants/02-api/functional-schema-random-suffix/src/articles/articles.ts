/** Articles and tags: the store, the rules and the routes of the resource, as plain functions. */
import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import type { CurrentUser } from '../auth/current-user.js';
import { demoAuthor } from '../auth/demo-author.js';
import { InvalidInput, UnknownArticle } from './domain-errors.js';
import { articleSchema, count, read, storable } from './schema.js';

interface Row {
  n: number;
  slug: string;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  createdAt: string;
  updatedAt: string;
  author: CurrentUser;
}

/** An immutable array, replaced on every write. */
function createRows() {
  let rows: readonly Row[] = [];
  let n = 0;
  return {
    all: () => rows,
    bySlug: (slug: string) => rows.find((r) => r.slug === slug),
    insert: (row: Omit<Row, 'n'>): Row => {
      const stored = { ...row, n: ++n };
      rows = [...rows, stored];
      return stored;
    },
    replace: (n: number, row: Row): Row => {
      rows = rows.map((r) => (r.n === n ? row : r));
      return row;
    },
    drop: (n: number) => {
      rows = rows.filter((r) => r.n !== n);
    },
  };
}

function slugOf(title: string): string {
  const plain = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return plain.replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean).slice(0, 12).join('-') || 'post';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function unwrap(body: unknown): Record<string, unknown> {
  const article = isRecord(body) ? body.article : undefined;
  if (!isRecord(article)) throw new InvalidInput({ article: ['is missing: wrap the fields in {"article": {...}}'] });
  return article;
}

const view = (r: Row, full = true) => ({
  slug: r.slug,
  title: r.title,
  description: r.description,
  ...(full && { body: r.body }),
  tagList: r.tagList,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  favorited: false,
  favoritesCount: 0,
  author: { ...r.author, following: false },
});

export function articlesApi(clock: () => Date): Router {
  const rows = createRows();
  const freeSlug = (title: string, own?: number) => {
    const base = slugOf(title);
    let slug = base;
    while (rows.all().some((r) => r.slug === slug && r.n !== own)) slug = `${base}-${randomBytes(3).toString('hex')}`;
    return slug;
  };
  const find = (slug: string) => {
    const row = rows.bySlug(slug);
    if (!row) throw new UnknownArticle(slug);
    return row;
  };

  const router = Router();
  const author = demoAuthor(); // TEMPORARY: step 04 replaces it with real authentication

  router.get('/articles', (req, res) => {
    const q = req.query as Record<string, unknown>;
    const problems: Record<string, string[]> = {};
    const filters: Record<'tag' | 'author', string | undefined> = { tag: undefined, author: undefined };
    for (const key of ['tag', 'author'] as const) {
      const v = q[key];
      if (v === undefined) continue;
      if (typeof v !== 'string' || !storable(v)) problems[key] = ['must be a single, storable text'];
      else filters[key] = v;
    }
    const limit = count(q.limit, 1, 100);
    const offset = count(q.offset, 0, Number.MAX_SAFE_INTEGER);
    if ('problem' in limit) problems.limit = [limit.problem];
    if ('problem' in offset) problems.offset = [offset.problem];
    if (Object.keys(problems).length) throw new InvalidInput(problems);
    const size = ('value' in limit && limit.value) || 20;
    const skip = ('value' in offset && offset.value) || 0;
    const matching = [...rows.all()]
      .filter((r) => (filters.tag === undefined || r.tagList.includes(filters.tag)) && (filters.author === undefined || r.author.username === filters.author))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.n - a.n));
    res.json({ articles: matching.slice(skip, skip + size).map((r) => view(r, false)), articlesCount: matching.length });
  });

  router.post('/articles', author, (req, res) => {
    const { values, problems } = read(articleSchema, unwrap(req.body), false);
    if (Object.keys(problems).length) throw new InvalidInput(problems);
    const now = clock().toISOString();
    const row = rows.insert({
      slug: freeSlug(values.title!),
      title: values.title!,
      description: values.description!,
      body: values.body!,
      tagList: values.tagList ?? [],
      createdAt: now,
      updatedAt: now,
      author: { username: req.user!.username, bio: req.user!.bio, image: req.user!.image },
    });
    res.status(201).json({ article: view(row) });
  });

  router.get('/articles/:slug', (req, res) => {
    res.json({ article: view(find(String(req.params.slug))) });
  });

  router.put('/articles/:slug', author, (req, res) => {
    const row = find(String(req.params.slug));
    const { values, problems } = read(articleSchema, unwrap(req.body), true);
    if (Object.keys(problems).length) throw new InvalidInput(problems);
    if (Object.keys(values).length === 0) throw new InvalidInput({ article: ['has none of title, description, body, tagList'] });
    const next: Row = { ...row, ...values, updatedAt: clock().toISOString() };
    if (values.title !== undefined) next.slug = freeSlug(values.title, row.n);
    res.json({ article: view(rows.replace(row.n, next)) });
  });

  router.delete('/articles/:slug', author, (req, res) => {
    rows.drop(find(String(req.params.slug)).n);
    res.status(204).send();
  });

  router.get('/tags', (_req, res) => {
    const uses = new Map<string, number>();
    for (const r of rows.all()) for (const t of r.tagList) uses.set(t, (uses.get(t) ?? 0) + 1);
    const popular = [...uses.entries()].sort((a, b) => b[1] - a[1] || (a[0] > b[0] ? 1 : -1));
    res.json({ tags: popular.slice(0, 100).map(([t]) => t) });
  });

  return router;
}
