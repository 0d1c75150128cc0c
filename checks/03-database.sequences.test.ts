/**
 * Step 03 · A real database — sequences. Seeded random sequences of creates, updates, deletes,
 * comments and comment deletes, each answer compared with a small model, and after every request
 * the tables themselves: how many rows articles, comments and article_tags hold, and that no tag
 * name is stored twice. A failure is shrunk to the shortest sequence and printed as requests to
 * replay (see checks/support/model.ts). Runs on both dialects.
 */
import fc from 'fast-check';
import { describe } from 'vitest';
import {
  actingAuthor,
  describeResponse,
  ensure,
  fail,
  fileDatabase,
  lessonLink,
  loadApp,
  manualClock,
  recording,
  sequenceRequirement,
  targetDir,
  type ManualClock,
  type RecordingHttp,
  type Response,
  type SequelizeLike,
} from './support/index.js';

const dir = targetDir('03-database');
const lesson = lessonLink('03-database');

interface ModelArticle {
  slug: string;
  tagList: string[];
  comments: { id: number; body: string }[];
}

interface Model {
  articles: ModelArticle[];
}

const TITLES = ['Rivers', 'Rivers', 'Tea and rivers'];
const TAGS = ['rivers', 'tea', 'Tea', '🐉'];
const BODIES = ['First!', 'Thanks', 'Same here'];

type Op =
  | { kind: 'create'; title: string; tags: string[] }
  | { kind: 'update'; target: number; title?: string; tags?: string[] }
  | { kind: 'delete'; target: number }
  | { kind: 'comment'; target: number; body: string; tick: boolean }
  | { kind: 'delete-comment'; target: number; which: number; through: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), title: fc.constantFrom(...TITLES), tags: fc.subarray(TAGS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('update' as const), target: fc.nat(9), title: fc.constantFrom(...TITLES), tags: fc.subarray(TAGS) }, { requiredKeys: ['kind', 'target'] }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), target: fc.nat(9) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('comment' as const), target: fc.nat(9), body: fc.constantFrom(...BODIES), tick: fc.boolean() }) },
  // `through` picks the article in whose URL the delete is sent: sometimes not the comment's own.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete-comment' as const), target: fc.nat(9), which: fc.nat(9), through: fc.nat(9) }) },
);

interface Sut {
  http: RecordingHttp;
  time: ManualClock;
  db: SequelizeLike;
}

async function start(): Promise<Sut> {
  const time = manualClock('2024-03-01T09:00:00.000Z');
  const { app } = await loadApp(dir, { clock: time.clock });
  const { db } = await fileDatabase(dir);
  const { headers } = await actingAuthor(recording(app));
  return { http: recording(app, () => headers), time, db };
}

const pick = <T>(list: T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const path = (slug: string, rest = '') => `/api/articles/${encodeURIComponent(slug)}${rest}`;
const sortedTags = (tags: string[]) => [...new Set(tags)].sort();
const articleOf = (res: Response) => (res.body as { article?: { slug?: unknown; tagList?: unknown } } | undefined)?.article;

async function countOf(db: SequelizeLike, sql: string): Promise<number> {
  try {
    const rows = (await db.query(sql, { type: 'SELECT' })) as { n: number | string }[];
    return Number(rows[0]?.n ?? 0);
  } catch (err) {
    return fail({
      expected: `the tables of the contract exist, so this check can count their rows (${sql})`,
      got: String((err as { parent?: { message?: string } }).parent?.message ?? (err as Error).message).split('\n')[0],
      hint: 'the migrations create users, articles, tags, article_tags and comments: write them, then npm run db:migrate',
      lesson: lesson('the-database-contract'),
    });
  }
}

/** The tables hold what the model says: one row per article, per comment, per tag link, each tag name once. */
async function compareTables(model: Model, { db }: Sut, after: string): Promise<void> {
  const wanted = {
    articles: model.articles.length,
    comments: model.articles.reduce((n, a) => n + a.comments.length, 0),
    links: model.articles.reduce((n, a) => n + a.tagList.length, 0),
  };
  const got = {
    articles: await countOf(db, 'SELECT COUNT(*) AS n FROM articles'),
    comments: await countOf(db, 'SELECT COUNT(*) AS n FROM comments'),
    links: await countOf(db, 'SELECT COUNT(*) AS n FROM article_tags'),
  };
  const doubled = await countOf(db, 'SELECT COUNT(*) AS n FROM (SELECT name FROM tags GROUP BY name HAVING COUNT(*) > 1) doubled');
  ensure(same(got, wanted) && doubled === 0, {
    expected: `${after}, the tables hold ${wanted.articles} row(s) in articles, ${wanted.comments} in comments, ${wanted.links} in article_tags, and no tag name twice`,
    got: `${got.articles} in articles, ${got.comments} in comments, ${got.links} in article_tags${doubled ? `, ${doubled} tag name(s) stored twice` : ''}`,
    hint: 'deleting an article deletes its comments and links (ON DELETE CASCADE); an update replaces the links; a comment deleted through another article stays',
    lesson: lesson('deleting-an-article-takes-its-comments-along'),
  });
}

async function apply(op: Op, model: Model, sut: Sut): Promise<void> {
  const { http, time } = sut;
  switch (op.kind) {
    case 'create': {
      time.tick(1000);
      const sent = { title: op.title, description: 'About it', body: `Body of ${op.title}`, tagList: op.tags };
      const res = await http.post('/api/articles', { json: { article: sent } });
      const slug = articleOf(res)?.slug;
      ensure(res.status === 201 && typeof slug === 'string' && !model.articles.some((a) => a.slug === slug), {
        expected: 'POST /api/articles answers 201 with an article whose slug no other article has',
        got: describeResponse(res),
        lesson: lesson('articles-in-the-database'),
      });
      model.articles.push({ slug: slug as string, tagList: sortedTags(op.tags), comments: [] });
      await compareTables(model, sut, `after POST /api/articles`);
      return;
    }
    case 'update': {
      const target = pick(model.articles, op.target);
      if (!target || (op.title === undefined && op.tags === undefined)) return;
      time.tick(1000);
      const changes = { ...(op.title !== undefined && { title: op.title }), ...(op.tags !== undefined && { tagList: op.tags }) };
      const res = await http.put(path(target.slug), { json: { article: changes } });
      const got = articleOf(res);
      if (op.tags !== undefined) target.tagList = sortedTags(op.tags);
      ensure(res.status === 200 && typeof got?.slug === 'string' && same(got.tagList, target.tagList), {
        expected: `PUT ${path(target.slug)} ${JSON.stringify({ article: changes })} answers 200 with tagList ${JSON.stringify(target.tagList)}`,
        got: describeResponse(res),
        lesson: lesson('transactions'),
      });
      target.slug = got?.slug as string;
      await compareTables(model, sut, `after PUT ${path(target.slug)}`);
      return;
    }
    case 'delete': {
      const target = pick(model.articles, op.target);
      if (!target) return;
      const res = await http.delete(path(target.slug));
      ensure(res.status === 204, { expected: `DELETE ${path(target.slug)} answers 204`, got: describeResponse(res), lesson: lesson('deleting-an-article-takes-its-comments-along') });
      model.articles = model.articles.filter((a) => a !== target);
      await compareTables(model, sut, `after DELETE ${path(target.slug)}`);
      return;
    }
    case 'comment': {
      const target = pick(model.articles, op.target);
      if (!target) return;
      if (op.tick) time.tick(1);
      const res = await http.post(path(target.slug, '/comments'), { json: { comment: { body: op.body } } });
      const id = (res.body as { comment?: { id?: unknown } } | undefined)?.comment?.id;
      ensure(res.status === 201 && Number.isInteger(id), {
        expected: `POST ${path(target.slug, '/comments')} answers 201 with {"comment": {"id": <integer>, …}}`,
        got: describeResponse(res),
        lesson: lesson('comments'),
      });
      target.comments.push({ id: id as number, body: op.body });
      const listed = await http.get(path(target.slug, '/comments'));
      const comments = (listed.body as { comments?: { id?: unknown; body?: unknown }[] } | undefined)?.comments;
      const seen = Array.isArray(comments) ? comments.map((c) => ({ id: c.id, body: c.body })) : undefined;
      ensure(listed.status === 200 && same(seen, target.comments), {
        expected: `GET ${path(target.slug, '/comments')} answers 200 with ${JSON.stringify(target.comments)} (oldest first, the id breaking ties)`,
        got: describeResponse(listed),
        lesson: lesson('comments'),
      });
      await compareTables(model, sut, `after POST ${path(target.slug, '/comments')}`);
      return;
    }
    case 'delete-comment': {
      const owner = pick(model.articles.filter((a) => a.comments.length > 0), op.target);
      if (!owner) return;
      const comment = owner.comments[op.which % owner.comments.length];
      const through = pick(model.articles, op.through) as ModelArticle;
      const url = path(through.slug, `/comments/${comment.id}`);
      const res = await http.delete(url);
      const mine = through === owner;
      ensure(res.status === (mine ? 204 : 404), {
        expected: `DELETE ${url} answers ${mine ? '204' : `404 (comment ${comment.id} is under ${owner.slug}, not ${through.slug})`}`,
        got: describeResponse(res),
        lesson: lesson('deleting-a-comment'),
      });
      if (mine) owner.comments = owner.comments.filter((c) => c !== comment);
      await compareTables(model, sut, `after DELETE ${url}`);
    }
  }
}

describe('sequences of requests against the database', () => {
  sequenceRequirement(
    'any sequence of creates, updates, deletes, comments and comment deletes leaves in the tables exactly what the requests made',
    { lesson: lesson('deleting-an-article-takes-its-comments-along'), covers: ['delete-cascades', 'comments-oldest-first', 'delete-comment-204', 'delete-comment-404', 'article-tags-atomic'] },
    {
      op: opArb,
      maxOps: 12,
      runs: 20,
      start,
      model: () => ({ articles: [] }),
      apply,
      finally: (model, sut) => compareTables(model, sut, 'at the end of the sequence'),
    },
  );
});
