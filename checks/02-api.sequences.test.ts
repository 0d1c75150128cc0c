/**
 * Step 02 · A REST API — sequences. The examples in 02-api.test.ts try each rule on its own;
 * these checks try seeded random sequences of creates, reads, updates (valid and invalid),
 * deletes, lists and tag lists, and compare every answer with a small model of the API: the
 * articles that should exist, in the order they should come. A failure is shrunk to the shortest
 * sequence that shows it and printed as requests to replay (see checks/support/model.ts).
 *
 * The model knows only what the lesson says: slugs are whatever the app chose (unique, URL-safe),
 * order is newest `createdAt` first and, at the same instant, the one created later first.
 */
import fc from 'fast-check';
import { describe } from 'vitest';
import {
  actingAuthor,
  describeResponse,
  ensure,
  lessonLink,
  loadApp,
  manualClock,
  recording,
  sequenceRequirement,
  targetDir,
  type ManualClock,
  type RecordingHttp,
  type Response,
} from './support/index.js';

const dir = targetDir('02-api');
const lesson = lessonLink('02-api');

// ── The model ──────────────────────────────────────────────────────────────────────────────

interface ModelArticle {
  slug: string;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  /** Clock time at creation, and creation order: the list's order. */
  createdAt: number;
  serial: number;
}

interface Model {
  articles: ModelArticle[];
  serial: number;
}

/** Newest first; at the same instant, the one created later first. */
const inListOrder = (articles: ModelArticle[]) => [...articles].sort((a, b) => b.createdAt - a.createdAt || b.serial - a.serial);
const sortedTags = (tags: string[]) => [...new Set(tags)].sort();

// ── Operations: plain data, so fast-check can shrink them and the failure can print them ──

// Few titles and tags, so that sequences collide: same titles (slugs), shared tags.
const TITLES = ['Rivers', 'Rivers', 'Mountains and rivers', 'Café au lait', '日本語', '¿¡!?'];
const TAGS = ['dragons', 'rivers', 'tea', 'Tea'];

type Op =
  | { kind: 'create'; title: string; tags: string[] | undefined; tick: boolean }
  | { kind: 'read'; target: number }
  | { kind: 'update'; target: number; title?: string; tags?: string[]; description?: string; tick: boolean }
  | { kind: 'invalid-update'; target: number; title: string; blank: 'description' | 'body' | 'title' | 'long-title' }
  | { kind: 'delete'; target: number }
  | { kind: 'list'; limit?: number; offset?: number; tag?: string; byAuthor?: boolean }
  | { kind: 'tags' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('create' as const), title: fc.constantFrom(...TITLES), tags: fc.option(fc.subarray(TAGS), { nil: undefined }), tick: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('read' as const), target: fc.nat(9) }) },
  {
    weight: 2,
    arbitrary: fc.record(
      { kind: fc.constant('update' as const), target: fc.nat(9), title: fc.constantFrom(...TITLES), tags: fc.subarray(TAGS), description: fc.constant('Changed'), tick: fc.boolean() },
      { requiredKeys: ['kind', 'target', 'tick'] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('invalid-update' as const),
      target: fc.nat(9),
      title: fc.constantFrom(...TITLES),
      blank: fc.constantFrom('description' as const, 'body' as const, 'title' as const, 'long-title' as const),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), target: fc.nat(9) }) },
  {
    weight: 2,
    arbitrary: fc.record(
      { kind: fc.constant('list' as const), limit: fc.integer({ min: 1, max: 4 }), offset: fc.integer({ min: 0, max: 5 }), tag: fc.constantFrom(...TAGS), byAuthor: fc.boolean() },
      { requiredKeys: ['kind'] },
    ),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'tags' as const }) },
);

// ── The system under test ──────────────────────────────────────────────────────────────────

interface Sut {
  http: RecordingHttp;
  time: ManualClock;
  author: string;
}

async function start(): Promise<Sut> {
  const time = manualClock('2024-03-01T09:00:00.000Z');
  const { app } = await loadApp(dir, { clock: time.clock });
  const { username, headers } = await actingAuthor(recording(app));
  return { http: recording(app, () => headers), time, author: username };
}

const articleOf = (res: Response) => (res.body as { article?: Record<string, unknown> } | undefined)?.article;
const pick = (model: Model, target: number) => (model.articles.length === 0 ? undefined : model.articles[target % model.articles.length]);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const path = (slug: string) => `/api/articles/${encodeURIComponent(slug)}`;

/** The fields the model knows, as the app answered them. */
function expectArticle(res: Response, wanted: ModelArticle, what: string, lessonUrl: string): void {
  const got = articleOf(res);
  const fields = { slug: wanted.slug, title: wanted.title, description: wanted.description, body: wanted.body, tagList: wanted.tagList };
  const seen = got && { slug: got.slug, title: got.title, description: got.description, body: got.body, tagList: got.tagList };
  ensure(res.status === 200 && same(seen, fields), {
    expected: `${what}: 200 with ${JSON.stringify(fields)}`,
    got: describeResponse(res),
    lesson: lessonUrl,
  });
}

async function apply(op: Op, model: Model, sut: Sut): Promise<void> {
  const { http, time } = sut;
  switch (op.kind) {
    case 'create': {
      if (op.tick) time.tick(1000);
      const sent = { title: op.title, description: 'About it', body: `Body of ${op.title}`, ...(op.tags && { tagList: op.tags }) };
      const res = await http.post('/api/articles', { json: { article: sent } });
      const got = articleOf(res);
      const slug = got?.slug;
      ensure(res.status === 201 && typeof slug === 'string' && slug !== '' && !/[\s/?#%\\]/.test(slug), {
        expected: 'POST /api/articles answers 201 with the article and a URL-safe, non-empty slug',
        got: describeResponse(res),
        lesson: lesson('slugs'),
      });
      ensure(!model.articles.some((a) => a.slug === slug), {
        expected: `a slug of its own: no other article has "${slug}"`,
        got: `"${slug}" is already the slug of "${model.articles.find((a) => a.slug === slug)?.title}"`,
        lesson: lesson('slugs'),
      });
      const article: ModelArticle = { slug, title: sent.title, description: sent.description, body: sent.body, tagList: sortedTags(op.tags ?? []), createdAt: Date.parse(time.iso()), serial: ++model.serial };
      ensure(same(got?.tagList, article.tagList), { expected: `tagList ${JSON.stringify(article.tagList)}`, got: describeResponse(res), lesson: lesson('creating-an-article') });
      model.articles.push(article);
      return;
    }
    case 'read': {
      const target = pick(model, op.target);
      if (!target) return;
      expectArticle(await http.get(path(target.slug)), target, `GET ${path(target.slug)}`, lesson('reading-one-article'));
      return;
    }
    case 'update': {
      const target = pick(model, op.target);
      if (!target) return;
      if (op.tick) time.tick(1000);
      const changes = { ...(op.title !== undefined && { title: op.title }), ...(op.description !== undefined && { description: op.description }), ...(op.tags !== undefined && { tagList: op.tags }) };
      if (Object.keys(changes).length === 0) return;
      const before = target.slug;
      const res = await http.put(path(before), { json: { article: changes } });
      const slug = articleOf(res)?.slug;
      ensure(res.status === 200 && typeof slug === 'string' && slug !== '', { expected: `PUT ${path(before)} ${JSON.stringify({ article: changes })} answers 200 with the article`, got: describeResponse(res), lesson: lesson('updating-an-article') });
      ensure(!model.articles.some((a) => a !== target && a.slug === slug), {
        expected: `after the update, a slug no other article has`,
        got: `"${slug}" is also the slug of "${model.articles.find((a) => a !== target && a.slug === slug)?.title}"`,
        lesson: lesson('slugs'),
      });
      Object.assign(target, { slug, ...(op.title !== undefined && { title: op.title }), ...(op.description !== undefined && { description: op.description }), ...(op.tags !== undefined && { tagList: sortedTags(op.tags) }) });
      expectArticle(res, target, `PUT ${path(before)} ${JSON.stringify({ article: changes })}`, lesson('updating-an-article'));
      if (slug !== before) {
        const old = await http.get(path(before));
        ensure(old.status === 404, { expected: `after the rename, the old slug GET ${path(before)} answers 404`, got: describeResponse(old), lesson: lesson('updating-an-article') });
      }
      return;
    }
    case 'invalid-update': {
      const target = pick(model, op.target);
      if (!target) return;
      time.tick(1000);
      // A valid change beside a bad field: the 422 must change nothing, not even the valid one.
      const sent = op.blank === 'long-title' ? { description: 'Changed by a refused update', title: 'x'.repeat(256) } : { title: op.title, [op.blank]: '   ' };
      const res = await http.put(path(target.slug), { json: { article: sent } });
      const why = op.blank === 'long-title' ? 'a title of 256 characters' : `a blank ${op.blank}`;
      ensure(res.status === 422, { expected: `PUT ${path(target.slug)} ${JSON.stringify({ article: sent }).slice(0, 120)}… answers 422 (${why})`, got: describeResponse(res), lesson: lesson('updating-an-article') });
      expectArticle(await http.get(path(target.slug)), target, `after that 422, GET ${path(target.slug)} shows the article unchanged`, lesson('updating-an-article'));
      return;
    }
    case 'delete': {
      const target = pick(model, op.target);
      if (!target) return;
      const res = await http.delete(path(target.slug));
      ensure(res.status === 204, { expected: `DELETE ${path(target.slug)} answers 204`, got: describeResponse(res), lesson: lesson('deleting-an-article') });
      model.articles = model.articles.filter((a) => a !== target);
      const again = await http.get(path(target.slug));
      ensure(again.status === 404, { expected: `after the delete, GET ${path(target.slug)} answers 404`, got: describeResponse(again), lesson: lesson('deleting-an-article') });
      return;
    }
    case 'list': {
      const params = new URLSearchParams();
      if (op.limit !== undefined) params.set('limit', String(op.limit));
      if (op.offset !== undefined) params.set('offset', String(op.offset));
      if (op.tag !== undefined) params.set('tag', op.tag);
      if (op.byAuthor !== undefined) params.set('author', op.byAuthor ? sut.author : 'nobody-writes-here');
      const query = params.size ? `?${params}` : '';
      const matching = inListOrder(model.articles).filter((a) => (op.tag === undefined || a.tagList.includes(op.tag)) && op.byAuthor !== false);
      const offset = op.offset ?? 0;
      const page = matching.slice(offset, offset + (op.limit ?? 20)).map((a) => a.slug);
      const res = await http.get(`/api/articles${query}`);
      const body = res.body as { articles?: { slug?: unknown }[]; articlesCount?: unknown } | undefined;
      const slugs = Array.isArray(body?.articles) ? body.articles.map((a) => a.slug) : undefined;
      ensure(res.status === 200 && same(slugs, page) && body?.articlesCount === matching.length, {
        expected: `GET /api/articles${query} answers 200 with the slugs ${JSON.stringify(page)} (newest first; at the same instant, the one created later first) and "articlesCount": ${matching.length}`,
        got: slugs ? `${res.status} with the slugs ${JSON.stringify(slugs)} and "articlesCount": ${JSON.stringify(body?.articlesCount)}` : describeResponse(res),
        lesson: lesson(op.tag !== undefined || op.byAuthor !== undefined ? 'filtering-by-tag-and-author' : op.limit !== undefined || op.offset !== undefined ? 'pagination' : 'listing-articles'),
      });
      return;
    }
    case 'tags': {
      const wanted = sortedTags(model.articles.flatMap((a) => a.tagList));
      const res = await http.get('/api/tags');
      const tags = (res.body as { tags?: unknown } | undefined)?.tags;
      ensure(res.status === 200 && Array.isArray(tags) && same([...tags].sort(), wanted), {
        expected: `GET /api/tags answers 200 with the tags in use, each once: ${JSON.stringify(wanted)} (in any order)`,
        got: describeResponse(res),
        lesson: lesson('tags'),
      });
    }
  }
}

/** After each sequence: the whole list (every article, in order, with its fields) and the tags. */
async function finalState(model: Model, sut: Sut): Promise<void> {
  const wanted = inListOrder(model.articles);
  const res = await sut.http.get('/api/articles?limit=100');
  const body = res.body as { articles?: Record<string, unknown>[]; articlesCount?: unknown } | undefined;
  const seen = Array.isArray(body?.articles) ? body.articles.map((a) => ({ slug: a.slug, title: a.title, description: a.description, tagList: a.tagList })) : undefined;
  const fields = wanted.map((a) => ({ slug: a.slug, title: a.title, description: a.description, tagList: a.tagList }));
  ensure(res.status === 200 && same(seen, fields) && body?.articlesCount === wanted.length, {
    expected: `at the end, GET /api/articles?limit=100 answers every article there should be, newest first: ${JSON.stringify(fields).slice(0, 400)} and "articlesCount": ${wanted.length}`,
    got: seen ? `${JSON.stringify(seen).slice(0, 400)} and "articlesCount": ${JSON.stringify(body?.articlesCount)}` : describeResponse(res),
    lesson: lesson('listing-articles'),
  });
  const tagsWanted = sortedTags(model.articles.flatMap((a) => a.tagList));
  const tagsRes = await sut.http.get('/api/tags');
  const tags = (tagsRes.body as { tags?: unknown } | undefined)?.tags;
  ensure(tagsRes.status === 200 && Array.isArray(tags) && same([...tags].sort(), tagsWanted), {
    expected: `at the end, GET /api/tags answers the tags in use, each once: ${JSON.stringify(tagsWanted)} (in any order)`,
    got: describeResponse(tagsRes),
    lesson: lesson('tags'),
  });
}

describe('sequences of requests', () => {
  sequenceRequirement(
    'any sequence of creates, reads, updates, deletes, lists and tag lists answers as the lesson says, request after request',
    {
      lesson: lesson('listing-articles'),
      covers: ['list-newest-first', 'list-tiebreak', 'page-count-total', 'filter-count', 'slug-unique', 'update-new-slug', 'update-422-changes-nothing', 'delete-gone', 'tags-unused-gone'],
    },
    { op: opArb, maxOps: 14, runs: 60, start, model: () => ({ articles: [], serial: 0 }), apply, finally: finalState },
  );
});
