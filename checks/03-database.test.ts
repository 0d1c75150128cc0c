/**
 * Step 03 · A real database. The articles and tags of step 02 move into tables, comments arrive,
 * and the schema is built by migrations with its own constraints and indexes.
 *
 * The checks talk HTTP (an app built on the file's database, or a real server process for the
 * restart), and look at the database itself where the step is about it: rows in the contract's
 * tables, raw inserts the schema must refuse, indexes, and failures injected with a trigger.
 * Every check starts from empty tables (loadApp empties them) and creates the rows it asserts on.
 */
import { describe } from 'vitest';
import {
  actingAuthor,
  api,
  describeResponse,
  ensure,
  expectErrorEnvelope,
  expectJson,
  expectStatus,
  fail,
  fileDatabase,
  importDbModule,
  lessonLink,
  manualClock,
  loadApp,
  requirement,
  serverDatabase,
  startServer,
  tableNames,
  targetDir,
  testDialect,
  type Response,
  type SendOptions,
  type SequelizeLike,
} from './support/index.js';

const dir = targetDir('03-database');
const lesson = lessonLink('03-database');

const L = {
  contract: lesson('the-database-contract'),
  migrations: lesson('migrations'),
  constraints: lesson('constraints'),
  indexes: lesson('indexes'),
  persist: lesson('articles-in-the-database'),
  transactions: lesson('transactions'),
  duplicates: lesson('when-the-database-says-no'),
  comments: lesson('comments'),
  deleteComment: lesson('deleting-a-comment'),
  cascade: lesson('deleting-an-article-takes-its-comments-along'),
};

/** The tables of the contract, in the order the migrations create them. */
const TABLES = ['users', 'articles', 'tags', 'article_tags', 'comments'] as const;

// ── Helpers ────────────────────────────────────────────────────────────────────────────────

type Http = ReturnType<typeof api>;

interface Article {
  slug: string;
  title: string;
  body?: string;
  tagList: string[];
  createdAt: string;
  updatedAt?: string;
  author?: Profile;
}

interface Profile {
  username: string;
  bio: string | null;
  image: string | null;
  following: boolean;
}

interface Comment {
  id: number;
  body: string;
  createdAt: string;
  updatedAt: string;
  author: Profile;
}


/**
 * Requests as the acting author: "demo" before step 04 (no headers), a registered user with a
 * token from step 04 on, when this file runs against a later step's project.
 */
async function asAuthor(target: Parameters<typeof api>[0]): Promise<Http> {
  const raw = api(target);
  const { headers } = await actingAuthor(raw);
  const h = (o?: SendOptions): SendOptions => ({ ...o, headers: { ...headers, ...o?.headers } });
  return {
    get: (p, o) => raw.get(p, h(o)),
    post: (p, o) => raw.post(p, h(o)),
    put: (p, o) => raw.put(p, h(o)),
    patch: (p, o) => raw.patch(p, h(o)),
    delete: (p, o) => raw.delete(p, h(o)),
  };
}

/** A fresh app on the file's database (its tables emptied), on a clock the check controls. */
async function freshApp() {
  const time = manualClock();
  const { app } = await loadApp(dir, { clock: time.clock });
  const { db } = await fileDatabase(dir);
  return { http: await asAuthor(app), time, db };
}

let serial = 0;
const unique = (prefix: string): string => `${prefix}-${process.pid}-${++serial}`;

function buildArticle(fields: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    title: `Field notes ${serial}`,
    description: `What happened on day ${serial}`,
    body: `Day ${serial} was quiet.`,
    ...fields,
  };
}

const path = (slug: string, rest = ''): string => `/api/articles/${encodeURIComponent(slug)}${rest}`;

/** Creates an article a check builds on; any 2xx with a slug will do (step 02's checks judge the rest). */
async function createArticle(http: Http, fields: Record<string, unknown> = {}): Promise<Article> {
  const sent = buildArticle(fields);
  const res = await http.post('/api/articles', { json: { article: sent } });
  const article = (res.body as { article?: Article } | undefined)?.article;
  if (res.status < 200 || res.status > 299 || typeof article?.slug !== 'string' || article.slug === '') {
    fail({
      expected: `POST /api/articles {"article": {"title": ${JSON.stringify(sent.title)}, …}} to create an article: this check builds on it`,
      got: describeResponse(res),
      hint: 'creating articles must work first, now stored in the database',
      lesson: L.persist,
    });
  }
  return article;
}

/** Adds a comment a check builds on: 201 with {"comment": {"id": …}}, or a clear failure. */
async function addComment(http: Http, slug: string, body: string): Promise<Comment> {
  const res = await http.post(path(slug, '/comments'), { json: { comment: { body } } });
  const comment = (res.body as { comment?: Comment } | undefined)?.comment;
  if (res.status !== 201 || !Number.isInteger(comment?.id)) {
    fail({
      expected: `POST ${path(slug, '/comments')} {"comment": {"body": ${JSON.stringify(body)}}} answers 201 with {"comment": {"id": <integer>, …}}: this check builds on it`,
      got: describeResponse(res),
      lesson: L.comments,
    });
  }
  return comment as Comment;
}

/** GET …/comments: 200 with {"comments": [...]}, or a clear failure. */
async function listComments(http: Http, slug: string, lessonUrl: string): Promise<Comment[]> {
  const res = await http.get(path(slug, '/comments'));
  expectStatus(res, 200, lessonUrl);
  expectJson(res, lessonUrl);
  const comments = (res.body as { comments?: unknown } | undefined)?.comments;
  ensure(Array.isArray(comments), {
    expected: `GET ${path(slug, '/comments')} answers {"comments": [...]}`,
    got: describeResponse(res),
    lesson: lessonUrl,
  });
  return comments as Comment[];
}

const bodiesOf = (comments: Comment[]): string[] => comments.map((c) => c.body);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

// ── The database, seen directly ──────────────────────────────────────────────────────────────

/** A timestamp both dialects accept in a DATETIME column. */
const SQL_NOW = '2024-03-01 09:00:00.000';

/** Runs a SELECT through the learner's connection with bind parameters ($1, $2, …). */
async function select<T = Record<string, unknown>>(db: SequelizeLike, sql: string, bind: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, { bind, type: 'SELECT' })) as T[];
}

/** SELECT COUNT(*) … as a number; a missing table fails the check with the contract's words. */
async function count(db: SequelizeLike, table: string, where = '', bind: unknown[] = [], lessonUrl = L.contract): Promise<number> {
  try {
    const rows = await select<{ n: number | string }>(db, `SELECT COUNT(*) AS n FROM ${table}${where ? ` WHERE ${where}` : ''}`, bind);
    return Number(rows[0]?.n ?? 0);
  } catch (err) {
    return fail({
      expected: `the table ${table} exists, with the contract's columns, so this check can look at its rows`,
      got: `SELECT … FROM ${table}${where ? ` WHERE ${where}` : ''} failed: ${firstLine(err)}`,
      hint: `the migrations create ${TABLES.join(', ')}: run them (npm run db:migrate) and compare the columns with the lesson's table`,
      lesson: lessonUrl,
    });
  }
}

const firstLine = (err: unknown): string => {
  const e = err as { name?: string; message?: string; parent?: { message?: string } };
  const message = String(e?.parent?.message ?? e?.message ?? err).split('\n')[0];
  return e?.name && e.name !== 'Error' ? `${e.name}: ${message}` : message;
};

/** Runs a write that must succeed (the valid row a constraint check starts from). */
async function mustInsert(db: SequelizeLike, what: string, sql: string, bind: unknown[], lessonUrl: string): Promise<void> {
  try {
    await db.query(sql, { bind });
  } catch (err) {
    fail({
      expected: `${what} can be inserted (${sql})`,
      got: firstLine(err),
      hint: 'compare your tables and columns with the contract: the checks insert rows with exactly those columns',
      lesson: lessonUrl,
    });
  }
}

/** Inserts a user with plain SQL and answers its id. */
async function insertUser(db: SequelizeLike, username: string, lessonUrl: string): Promise<number> {
  await mustInsert(db, `a user "${username}"`, 'INSERT INTO users (username, email, created_at, updated_at) VALUES ($1, $2, $3, $3)', [username, `${username}@example.com`, SQL_NOW], lessonUrl);
  const [row] = await select<{ id: number }>(db, 'SELECT id FROM users WHERE username = $1', [username]);
  return Number(row.id);
}

async function usernameOf(db: SequelizeLike, id: number): Promise<string> {
  const [row] = await select<{ username: string }>(db, 'SELECT username FROM users WHERE id = $1', [id]);
  return row.username;
}

/** Inserts tags with plain SQL and answers their ids by name. */
async function insertTags(db: SequelizeLike, names: string[], lessonUrl: string): Promise<Record<string, number>> {
  await mustInsert(db, `${names.length} tag(s)`, `INSERT INTO tags (name) VALUES ${names.map((_, i) => `($${i + 1})`).join(', ')}`, names, lessonUrl);
  const rows = await select<{ id: number; name: string }>(db, 'SELECT id, name FROM tags');
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.id)]));
}

/** Runs a write the schema itself must refuse; `kind` says which constraint should refuse it. */
async function mustRefuse(db: SequelizeLike, what: string, sql: string, bind: unknown[], kind: RegExp, hint: string, lessonUrl: string): Promise<void> {
  let refused: unknown;
  try {
    await db.query(sql, { bind });
  } catch (err) {
    refused = err;
  }
  if (refused === undefined) {
    fail({ expected: `the database refuses ${what}`, got: `it was inserted (${sql})`, hint, lesson: lessonUrl });
  }
  const e = refused as { name?: string; message?: string; parent?: { message?: string } };
  ensure(kind.test(`${e.name ?? ''} ${e.message ?? ''} ${e.parent?.message ?? ''}`), {
    expected: `the database refuses ${what} with a constraint error`,
    got: firstLine(refused),
    hint,
    lesson: lessonUrl,
  });
}

const UNIQUE = /unique|duplicate/i;
const FOREIGN_KEY = /foreign key/i;

interface IndexInfo {
  name?: string;
  fields?: { attribute?: string }[];
}

async function indexesOf(db: SequelizeLike, table: string): Promise<IndexInfo[]> {
  const qi = db.getQueryInterface() as unknown as { showIndex(table: string): Promise<IndexInfo[]> };
  try {
    return await qi.showIndex(table);
  } catch {
    return [];
  }
}

const columnsOf = (index: IndexInfo): string[] => (index.fields ?? []).map((f) => String(f.attribute));

/** Every table's columns (type, null, key) and indexes (columns, unique), names of indexes aside. */
async function schemaOf(db: SequelizeLike): Promise<Record<string, unknown>> {
  const qi = db.getQueryInterface() as unknown as { describeTable(t: string): Promise<Record<string, { type?: string; allowNull?: boolean; primaryKey?: boolean }>> };
  const out: Record<string, unknown> = {};
  for (const table of (await tableNames(db)).filter((t) => !/meta|migrations?$|^sqlite_/i.test(t)).sort()) {
    const columns = await qi.describeTable(table);
    out[`${table} columns`] = Object.entries(columns)
      .map(([name, c]) => `${name} ${String(c.type)}${c.allowNull ? '' : ' NOT NULL'}${c.primaryKey ? ' PK' : ''}`)
      .sort();
    out[`${table} indexes`] = (await indexesOf(db, table)).map((i) => `${(i as { unique?: boolean }).unique ? 'unique ' : ''}(${columnsOf(i).join(', ')})`).sort();
  }
  return out;
}

/**
 * A trigger installed for the length of one check, through the learner's own connection, so the
 * database fails at a chosen moment. Always dropped afterwards.
 */
async function withTrigger(db: SequelizeLike, name: string, sql: { sqlite: string; mysql: string }, lessonUrl: string, work: () => Promise<void>): Promise<void> {
  const dialect = db.getDialect() === 'mysql' ? 'mysql' : 'sqlite';
  await db.query(`DROP TRIGGER IF EXISTS ${name}`);
  try {
    await db.query(sql[dialect]);
  } catch (err) {
    fail({
      expected: `the tables of the contract exist, so this check can install a trigger on them (${testDialect()})`,
      got: `creating the trigger failed: ${firstLine(err)}`,
      hint: `the migrations create ${TABLES.join(', ')}: write them, then npm run db:migrate`,
      lesson: lessonUrl,
    });
  }
  try {
    await work();
  } finally {
    await db.query(`DROP TRIGGER IF EXISTS ${name}`);
  }
}

/** Makes every insert of a link to the tag named `explode` fail, as a full disk or a lost connection would. */
const EXPLODING_LINKS = {
  sqlite: `CREATE TRIGGER explode_on_link BEFORE INSERT ON article_tags
    WHEN NEW.tag_id IN (SELECT id FROM tags WHERE name = 'explode')
    BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
  mysql: `CREATE TRIGGER explode_on_link BEFORE INSERT ON article_tags FOR EACH ROW
    BEGIN
      IF (SELECT name FROM tags WHERE id = NEW.tag_id) = 'explode' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure';
      END IF;
    END`,
};

/** Poking at the app for an error status: anything from 400 up is a refusal. */
const isError = (res: Response): boolean => res.status >= 400;

// ── Articles in the database ─────────────────────────────────────────────────────────────────

describe('articles in the database', () => {
  requirement(
    'articles, their tags and comments created over HTTP are still there after the server restarts',
    { lesson: L.persist, covers: ['survives-restart', 'no-sync'], timeout: 30_000 },
    async () => {
      const db = await serverDatabase(dir, { shareFileDatabase: true });
      let server = await startServer(dir, { env: db.env, lesson: L.persist });
      try {
        let http = await asAuthor(server.url);
        const created = await createArticle(http, { title: 'Written before the restart', body: 'Still here?', tagList: ['restart', 'durable'] });
        // Judged after the restart, so that an article that did not survive is the failure shown first.
        const commented = await http.post(path(created.slug, '/comments'), { json: { comment: { body: 'A comment from before the restart' } } });
        await server.stop();
        server = await startServer(dir, { env: db.env, lesson: L.persist });
        http = await asAuthor(server.url);
        const res = await http.get(path(created.slug));
        const article = (res.body as { article?: Article } | undefined)?.article;
        ensure(res.status === 200 && article?.body === 'Still here?' && same(article.tagList, ['durable', 'restart']) && article.createdAt === created.createdAt, {
          expected: `after a restart, GET ${path(created.slug)} answers 200 with the same article: body "Still here?", tagList ["durable", "restart"], createdAt ${created.createdAt}`,
          got: describeResponse(res),
          hint:
            res.status === 404
              ? 'the article did not survive: keep articles in the database (not in memory), and never call sync({ force: true }) or drop tables when the server starts'
              : 'store the tags in tags and article_tags, and read them back with the article',
          lesson: L.persist,
        });
        const comment = (commented.body as { comment?: Comment } | undefined)?.comment;
        ensure(commented.status === 201 && comment !== undefined && Number.isInteger(comment.id), {
          expected: `POST ${path(created.slug, '/comments')} answers 201 with {"comment": {"id": <integer>, …}}: this check builds on it`,
          got: describeResponse(commented),
          lesson: L.comments,
        });
        const comments = await listComments(http, created.slug, L.persist);
        ensure(comments.some((c) => c.id === comment.id && c.body === comment.body), {
          expected: `after a restart, GET ${path(created.slug, '/comments')} still lists comment ${comment.id} ("${comment.body}")`,
          got: JSON.stringify(comments),
          lesson: L.persist,
        });
      } finally {
        await server.stop();
        await db.drop();
      }
    },
  );

  requirement(
    "an article's createdAt and updatedAt are read back from the database as the app clock gave them, milliseconds included",
    { lesson: L.contract, covers: ['timestamps-from-clock'] },
    async () => {
      const { http, time, db } = await freshApp();
      // The clock stands at .250 of a second: a DATETIME without (3) on MySQL reads back .000.
      const createdAt = time.iso();
      const created = await createArticle(http, { title: 'Timed to the millisecond' });
      time.tick(500);
      const updatedAt = time.iso();
      const edit = await http.put(path(created.slug), { json: { article: { body: 'Edited half a second later.' } } });
      ensure(edit.status === 200, { expected: `PUT ${path(created.slug)} with a new body answers 200: this check builds on it`, got: describeResponse(edit), lesson: L.persist });
      const slug = (edit.body as { article?: Article } | undefined)?.article?.slug ?? created.slug;
      const rows = await count(db, 'articles', 'slug = $1', [slug], L.contract);
      ensure(rows === 1, { expected: `one row with slug ${JSON.stringify(slug)} in the articles table: the article lives in the database`, got: `${rows} row(s)`, lesson: L.persist });
      const read = await http.get(path(slug));
      const listed = await http.get('/api/articles');
      const fromList = ((listed.body as { articles?: Article[] } | undefined)?.articles ?? []).find((a) => a.slug === slug);
      const seen: [string, Article | undefined][] = [[`GET ${path(slug)}`, (read.body as { article?: Article } | undefined)?.article], ['GET /api/articles', fromList]];
      for (const [where, article] of seen) {
        ensure(article?.createdAt === createdAt && article.updatedAt === updatedAt, {
          expected: `${where}: the article created at ${createdAt} and edited at ${updatedAt} (the app clock), with "createdAt": "${createdAt}", "updatedAt": "${updatedAt}"`,
          got: article ? `"createdAt": ${JSON.stringify(article.createdAt)}, "updatedAt": ${JSON.stringify(article.updatedAt)}` : `no such article in ${describeResponse(where.endsWith('articles') ? listed : read)}`,
          hint: 'created_at and updated_at are DataTypes.DATE(3): a plain DATE is a DATETIME on MySQL, which drops the milliseconds',
          lesson: L.contract,
        });
      }
    },
  );

  requirement(
    'the lists read the tables: rows inserted with SQL are filtered, counted and paged by the database, more of them than a page',
    { lesson: L.persist, covers: ['lists-in-database'] },
    async () => {
      const { http, db } = await freshApp();
      const writer = await insertUser(db, unique('writer').replace(/-/g, '_'), L.persist);
      const other = await insertUser(db, unique('other').replace(/-/g, '_'), L.persist);
      const tags = await insertTags(db, ['every', 'thirds'], L.persist);
      // 30 articles written around the API, one millisecond apart: sql-00 oldest, sql-29 newest; sql-29 by someone else.
      const n = 30;
      const rows = Array.from({ length: n }, (_, i) => i);
      // Inserted out of time order (sql-00, sql-07, sql-14, …: every 7th, 7 and 30 share no factor),
      // so the ids do not follow createdAt: a list ordered by id is out of order here.
      const inserted = rows.map((k) => (k * 7) % n);
      const values = inserted.map((_, k) => `($${k * 4 + 1}, $${k * 4 + 2}, 'd', 'b', $${k * 4 + 3}, $${k * 4 + 4}, $${k * 4 + 4})`).join(', ');
      const bind = inserted.flatMap((i) => [`sql-${String(i).padStart(2, '0')}`, `Written in SQL ${i}`, i === n - 1 ? other : writer, `2024-03-01 09:00:00.${String(i).padStart(3, '0')}`]);
      await mustInsert(db, `${n} articles`, `INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at) VALUES ${values}`, bind, L.persist);
      const ids = await select<{ id: number; slug: string }>(db, 'SELECT id, slug FROM articles');
      const idOf = new Map(ids.map((r) => [r.slug, r.id]));
      const links = rows.flatMap((i) => [[idOf.get(`sql-${String(i).padStart(2, '0')}`), tags.every], ...(i % 3 === 0 ? [[idOf.get(`sql-${String(i).padStart(2, '0')}`), tags.thirds]] : [])]);
      await mustInsert(db, 'their tag links', `INSERT INTO article_tags (article_id, tag_id) VALUES ${links.map((_, k) => `($${k * 2 + 1}, $${k * 2 + 2})`).join(', ')}`, links.flat(), L.persist);
      const slug = (i: number) => `sql-${String(i).padStart(2, '0')}`;
      const newest = (from: number[], offset: number, limit: number) => [...from].reverse().slice(offset, offset + limit).map(slug);
      const all = rows;
      const thirds = rows.filter((i) => i % 3 === 0);
      const byWriter = rows.filter((i) => i !== n - 1);
      const [writerName, otherName] = [await usernameOf(db, writer), await usernameOf(db, other)];
      const cases: { url: string; slugs: string[]; count: number }[] = [
        { url: '/api/articles', slugs: newest(all, 0, 20), count: n },
        { url: '/api/articles?limit=5&offset=20', slugs: newest(all, 20, 5), count: n },
        { url: '/api/articles?offset=28', slugs: newest(all, 28, 20), count: n },
        { url: '/api/articles?tag=thirds&limit=3&offset=2', slugs: newest(thirds, 2, 3), count: thirds.length },
        { url: `/api/articles?author=${encodeURIComponent(writerName)}&tag=every&limit=100`, slugs: newest(byWriter, 0, 100), count: byWriter.length },
        { url: `/api/articles?author=${encodeURIComponent(otherName)}&tag=thirds`, slugs: [], count: 0 },
      ];
      for (const c of cases) {
        const res = await http.get(c.url);
        const page = res.body as { articles?: Article[]; articlesCount?: unknown } | undefined;
        const got = Array.isArray(page?.articles) ? page.articles.map((a) => a.slug) : undefined;
        // The slugs are numbered in time order, so newest first is descending slugs.
        const newestFirst = got === undefined || got.every((s, k) => k === 0 || String(s) < String(got[k - 1]));
        ensure(res.status === 200 && same(got, c.slugs) && page?.articlesCount === c.count, {
          expected: `GET ${c.url} answers 200 with ${c.slugs.length} article(s) ${JSON.stringify(c.slugs.length > 6 ? [...c.slugs.slice(0, 3), '…', ...c.slugs.slice(-2)] : c.slugs)} and "articlesCount": ${c.count} (newest createdAt first, of the ${n} articles the check inserted with SQL: sql-29 the newest, sql-00 the oldest, inserted out of that order)`,
          got: res.status === 200 ? `${got?.length ?? 'no'} article(s) ${JSON.stringify(got && got.length > 6 ? [...got.slice(0, 3), '…', ...got.slice(-2)] : got)} and "articlesCount": ${JSON.stringify(page?.articlesCount)}` : describeResponse(res),
          hint: newestFirst
            ? 'read the articles from the tables (not from memory), and let the query filter (WHERE / JOIN), count (COUNT) and page (LIMIT / OFFSET): the count is of every match, not of the page'
            : 'order by created_at, newest first (the id only breaks ties): the ids follow the order the rows were inserted in, and these were not inserted in time order',
          lesson: L.persist,
        });
      }
      const one = await http.get(path(slug(3)));
      const article = (one.body as { article?: Article } | undefined)?.article;
      ensure(one.status === 200 && same(article?.tagList, ['every', 'thirds']) && article?.author?.username === writerName, {
        expected: `GET ${path(slug(3))} answers the article inserted with SQL, with tagList ["every", "thirds"] and its author`,
        got: describeResponse(one),
        lesson: L.persist,
      });
    },
  );

  requirement('GET /api/tags counts every tag link in the database: the 100 most used, ties to the alphabetically first', { lesson: L.persist, covers: ['tags-in-use-from-database'] }, async () => {
    const { http, db } = await freshApp();
    const writer = await insertUser(db, unique('tagger').replace(/-/g, '_'), L.persist);
    const names = Array.from({ length: 105 }, (_, i) => `t${String(i).padStart(3, '0')}`);
    // Inserted in reverse, so that the ids do not follow the names.
    const tags = await insertTags(db, [...names].reverse().concat(['unused']), L.persist);
    const values = [0, 1, 2].map((i) => `($${i * 3 + 1}, $${i * 3 + 2}, 'd', 'b', $${i * 3 + 3}, '${SQL_NOW}', '${SQL_NOW}')`).join(', ');
    await mustInsert(db, '3 articles', `INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at) VALUES ${values}`, [0, 1, 2].flatMap((i) => [`tagged-${i}`, `Tagged ${i}`, writer]), L.persist);
    const articles = await select<{ id: number; slug: string }>(db, 'SELECT id, slug FROM articles ORDER BY slug');
    // t104…t095 on three articles, t094…t075 on two, the others on one: the top 100 are t005…t104 by use, then name.
    const links: number[][] = [];
    names.forEach((name, i) => {
      const uses = i >= 95 ? 3 : i >= 75 ? 2 : 1;
      for (let a = 0; a < uses; a++) links.push([articles[a].id, tags[name]]);
    });
    await mustInsert(db, 'the tag links', `INSERT INTO article_tags (article_id, tag_id) VALUES ${links.map((_, k) => `($${k * 2 + 1}, $${k * 2 + 2})`).join(', ')}`, links.flat(), L.persist);
    const res = await http.get('/api/tags');
    expectStatus(res, 200, L.persist);
    const got = (res.body as { tags?: unknown } | undefined)?.tags;
    const expected = [...names.slice(75), ...names.slice(0, 75)].slice(0, 100).sort();
    const list = Array.isArray(got) ? [...(got as string[])].sort() : undefined;
    ensure(same(list, expected), {
      expected: `GET /api/tags lists 100 tags: t075…t104 (used 3 and 2 times) and t000…t069 (used once, the alphabetically first), not t070…t074 nor "unused" (the check inserted 106 tags with SQL)`,
      got: Array.isArray(got) ? `${got.length} tags; missing ${JSON.stringify(expected.filter((t) => !(got as string[]).includes(t)))}; extra ${JSON.stringify((got as string[]).filter((t) => !expected.includes(t)))}` : describeResponse(res),
      hint: 'count the links per tag in the database (JOIN article_tags, GROUP BY, COUNT), order by the count then the name, LIMIT 100',
      lesson: L.persist,
    });
  });
});

// ── Transactions ─────────────────────────────────────────────────────────────────────────────

describe('transactions', () => {
  requirement('an article and its tags are saved together or not at all: a failure halfway leaves no article behind', { lesson: L.transactions, covers: ['article-tags-atomic'] }, async () => {
    const { http, db } = await freshApp();
    const title = `Half saved ${unique('t')}`;
    const calm = unique('calm');
    await withTrigger(db, 'explode_on_link', EXPLODING_LINKS, L.transactions, async () => {
      const res = await http.post('/api/articles', { json: { article: buildArticle({ title, tagList: [calm, 'explode'] }) } });
      ensure(isError(res), {
        expected: 'POST /api/articles fails when saving its tag links fails (the check makes the database refuse the link to "explode")',
        got: describeResponse(res),
        hint: 'let database errors reach the error handler: a request whose write failed cannot answer 2xx',
        lesson: L.transactions,
      });
    });
    const left = await count(db, 'articles', 'title = $1', [title], L.transactions);
    ensure(left === 0, {
      expected: `no row in articles titled "${title}": the article was refused with its tags, so nothing of it is saved`,
      got: `${left} row(s): the article was saved without the tags it was sent with`,
      hint: 'insert the article, the tags and the links inside one sequelize.transaction(async (t) => …), passing { transaction: t } to every query',
      lesson: L.transactions,
    });
    const tagsLeft = await count(db, 'tags', 'name IN ($1, $2)', [calm, 'explode'], L.transactions);
    const linksLeft = await count(db, 'article_tags', '', [], L.transactions);
    ensure(tagsLeft === 0 && linksLeft === 0, {
      expected: `no row in tags named "${calm}" or "explode", and no row in article_tags: the failed create leaves nothing behind`,
      got: `${tagsLeft} tag row(s), ${linksLeft} link row(s) left over`,
      hint: 'the new tags are part of the same unit of work: create them inside the transaction too ({ transaction: t })',
      lesson: L.transactions,
    });
    const list = await http.get('/api/articles');
    const page = list.body as { articles?: Article[]; articlesCount?: number } | undefined;
    ensure(list.status === 200 && page?.articlesCount === 0, {
      expected: 'GET /api/articles lists nothing afterwards ("articlesCount": 0)',
      got: describeResponse(list),
      lesson: L.transactions,
    });
  });

  requirement('an update that fails halfway changes nothing: the title, slug and tags stay as they were', { lesson: L.transactions, covers: ['article-tags-atomic'] }, async () => {
    const { http, time, db } = await freshApp();
    const created = await createArticle(http, { title: `Steady ${unique('t')}`, tagList: ['calm', 'steady'] });
    time.tick();
    await withTrigger(db, 'explode_on_link', EXPLODING_LINKS, L.transactions, async () => {
      const res = await http.put(path(created.slug), { json: { article: { title: 'Renamed halfway', body: 'Changed?', tagList: ['calm', 'explode'] } } });
      ensure(isError(res), {
        expected: `PUT ${path(created.slug)} fails when saving its new tag links fails (the check makes the database refuse the link to "explode")`,
        got: describeResponse(res),
        lesson: L.transactions,
      });
    });
    const res = await http.get(path(created.slug));
    const article = (res.body as { article?: Article } | undefined)?.article;
    ensure(res.status === 200 && article?.title === created.title && article.body === created.body && same(article.tagList, ['calm', 'steady']), {
      expected: `GET ${path(created.slug)} still answers 200 with the article as it was: title "${created.title}", tagList ["calm", "steady"]`,
      got: describeResponse(res),
      hint: 'the update changes articles, deletes links and inserts links: do all of it in one transaction, so a failure rolls every part back',
      lesson: L.transactions,
    });
  });
});

// ── When the database says no ────────────────────────────────────────────────────────────────

describe('when the database says no', () => {
  requirement('8 concurrent POST /api/articles with the same title each get a slug of their own, never a 5xx, each stored once', { lesson: L.duplicates, covers: ['slug-race'] }, async () => {
    const { http, db } = await freshApp();
    const title = 'Everyone writes this title';
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => http.post('/api/articles', { json: { article: buildArticle({ title, body: `copy ${i}` }) } })));
    const failed = responses.filter((r) => r.status >= 500 || (r.status !== 201 && r.status !== 422));
    ensure(failed.length === 0, {
      expected: '8 simultaneous POST /api/articles with the same title all answer 201 (or 422 if one loses a race), never 5xx',
      got: failed.map(describeResponse).join('\n          '),
      hint: 'two requests can both see a slug as free and both insert it: the unique index refuses the second. Catch that (UniqueConstraintError) and try another slug, or answer 422',
      lesson: L.duplicates,
    });
    const made = responses.filter((r) => r.status === 201).map((r) => (r.body as { article?: Article }).article as Article);
    const slugs = made.map((a) => a?.slug);
    ensure(made.length >= 1 && new Set(slugs).size === made.length && slugs.every((s) => typeof s === 'string' && s !== ''), {
      expected: 'every 201 carries a slug of its own',
      got: `slugs ${JSON.stringify(slugs)}`,
      lesson: L.duplicates,
    });
    for (const slug of slugs) {
      const res = await http.get(path(slug));
      ensure(res.status === 200 && (res.body as { article?: Article }).article?.title === title, {
        expected: `GET ${path(slug)} finds one of the new articles`,
        got: describeResponse(res),
        lesson: L.duplicates,
      });
    }
    const rows = await count(db, 'articles', 'title = $1', [title], L.duplicates);
    ensure(rows === made.length, {
      expected: `the articles table holds ${made.length} row(s) titled "${title}", one per 201`,
      got: `${rows} row(s)`,
      lesson: L.duplicates,
    });
  });

  requirement('concurrent articles sharing a new tag all succeed, and the tag is stored once', { lesson: L.duplicates, covers: ['new-tag-race'] }, async () => {
    const { http, db } = await freshApp();
    // A lost tag needs one request's insert to land inside another's open transaction: a race a
    // busy machine may not run on the first try. Correct code wins every round, so a few rounds
    // cost a correct submission nothing and leave a wrong one little luck.
    for (let round = 0; round < 4; round += 1) {
      const tag = unique('fresh');
      const responses = await Promise.all(
        Array.from({ length: 6 }, (_, i) => http.post('/api/articles', { json: { article: buildArticle({ title: `Sharing a tag ${round}-${i}`, tagList: [tag, `own-${round}-${i}`] }) } })),
      );
      const bad = responses.filter((r) => r.status !== 201 || !(r.body as { article?: Article }).article?.tagList?.includes(tag));
      ensure(bad.length === 0, {
        expected: `6 simultaneous POST /api/articles with the new tag "${tag}" all answer 201, each article carrying the tag`,
        got: bad.map(describeResponse).join('\n          '),
        hint: 'two requests can both find the tag missing and both insert it: insert tags so that an existing one is kept (INSERT … ON CONFLICT DO NOTHING / INSERT IGNORE: bulkCreate with ignoreDuplicates), then read them back',
        lesson: L.duplicates,
      });
      const stored = await count(db, 'tags', 'name = $1', [tag], L.duplicates);
      ensure(stored === 1, {
        expected: `exactly one row in tags named "${tag}"`,
        got: `${stored} row(s)`,
        hint: 'the tags table needs a unique constraint on name, and the code must reuse an existing tag',
        lesson: L.duplicates,
      });
      const links = await count(db, 'article_tags', 'tag_id IN (SELECT id FROM tags WHERE name = $1)', [tag], L.duplicates);
      ensure(links === 6, {
        expected: `6 rows in article_tags link an article to "${tag}"`,
        got: `${links} row(s)`,
        lesson: L.duplicates,
      });
      const res = await http.get('/api/tags');
      const tags = (res.body as { tags?: unknown }).tags;
      ensure(res.status === 200 && Array.isArray(tags) && tags.filter((t) => t === tag).length === 1, {
        expected: `GET /api/tags lists "${tag}" exactly once`,
        got: describeResponse(res),
        lesson: L.duplicates,
      });
    }
  });

  requirement('when the database refuses a duplicate, the API answers 422 in the error envelope, never 500', { lesson: L.duplicates, covers: ['duplicate-422'] }, async () => {
    const { http, db } = await freshApp();
    const title = 'Taken while we looked';
    // As if another request inserted the same slug between our check and our insert, every time.
    const racing = {
      sqlite: `CREATE TRIGGER slug_taken_meanwhile BEFORE INSERT ON articles WHEN NEW.title = '${title}'
        BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: articles.slug'); END`,
      mysql: `CREATE TRIGGER slug_taken_meanwhile BEFORE INSERT ON articles FOR EACH ROW
        BEGIN
          IF NEW.title = '${title}' THEN
            SIGNAL SQLSTATE '23000' SET MESSAGE_TEXT = 'Duplicate entry ''taken'' for key ''articles.slug''', MYSQL_ERRNO = 1062;
          END IF;
        END`,
    };
    await withTrigger(db, 'slug_taken_meanwhile', racing, L.duplicates, async () => {
      const res = await http.post('/api/articles', { json: { article: buildArticle({ title }) } });
      expectStatus(
        res,
        422,
        L.duplicates,
        res.status >= 500
          ? "the database's duplicate-key error (Sequelize's UniqueConstraintError) reached the error handler as a bug: map it to 422, {\"errors\": {\"<field>\": [\"has already been taken\"]}}"
          : 'a clash with an existing row is the client meeting the rules: 422, like any validation error',
      );
      expectErrorEnvelope(res, L.duplicates);
    });
  });
});

// ── Comments ─────────────────────────────────────────────────────────────────────────────────

describe('comments', () => {
  requirement('POST /api/articles/:slug/comments answers 201 with the comment: an integer id, its body, timestamps and the author', { lesson: L.comments, covers: ['comment-201', 'timestamps-from-clock'] }, async () => {
    const { http, time, db } = await freshApp();
    const article = await createArticle(http);
    time.tick();
    const res = await http.post(path(article.slug, '/comments'), { json: { comment: { body: 'Thank you!' } } });
    expectStatus(res, 201, L.comments, 'a POST that creates something answers 201 Created');
    expectJson(res, L.comments);
    const c = (res.body as { comment?: Record<string, unknown> } | undefined)?.comment;
    const author = c?.author as Record<string, unknown> | undefined;
    const problems: string[] = [];
    if (typeof c !== 'object' || c === null) problems.push('no "comment" key wrapping the comment');
    else {
      if (!Number.isInteger(c.id)) problems.push(`id should be an integer (the comments table's id), got ${JSON.stringify(c.id)}`);
      if (c.body !== 'Thank you!') problems.push(`body should be "Thank you!", got ${JSON.stringify(c.body)}`);
      for (const key of ['createdAt', 'updatedAt']) {
        if (c[key] !== time.iso()) problems.push(`${key} should be "${time.iso()}" (the app clock, milliseconds kept), got ${JSON.stringify(c[key])}`);
      }
      if (typeof author !== 'object' || author === null) problems.push(`author should be a profile {username, bio, image, following}, got ${JSON.stringify(c.author)}`);
      else {
        if (author.username !== article.author?.username) problems.push(`author.username should be ${JSON.stringify(article.author?.username)} (the demo author), got ${JSON.stringify(author.username)}`);
        for (const key of ['bio', 'image']) if (!(key in author) || (author[key] !== null && typeof author[key] !== 'string')) problems.push(`author.${key} should be a string or null`);
        if (author.following !== false) problems.push(`author.following should be false, got ${JSON.stringify(author.following)}`);
      }
    }
    ensure(problems.length === 0, {
      expected: `POST ${path(article.slug, '/comments')} answers {"comment": {"id": 1, "createdAt": "…", "updatedAt": "…", "body": "Thank you!", "author": {…}}}`,
      got: problems.join('; '),
      lesson: L.comments,
    });
    const rows = await count(db, 'comments', '', [], L.comments);
    ensure(rows === 1, {
      expected: 'one row in the comments table',
      got: `${rows} row(s)`,
      lesson: L.comments,
    });
  });

  requirement("GET /api/articles/:slug/comments lists the article's comments oldest first, and no other article's", { lesson: L.comments, covers: ['comments-oldest-first', 'timestamps-from-clock'] }, async () => {
    const { http, time, db } = await freshApp();
    const article = await createArticle(http, { title: 'Talked about' });
    const other = await createArticle(http, { title: 'Somewhere else' });
    const empty = await listComments(http, article.slug, L.comments);
    ensure(empty.length === 0, {
      expected: `an article without comments answers {"comments": []}`,
      got: JSON.stringify(empty),
      lesson: L.comments,
    });
    time.tick();
    const first = await addComment(http, article.slug, 'first');
    time.tick(10);
    await addComment(http, other.slug, 'on the other article');
    const second = await addComment(http, article.slug, 'second');
    // Same millisecond as `second`: the id keeps them in the order they were made.
    const third = await addComment(http, article.slug, 'third');
    // Written around the API a day before the others, yet inserted last: the oldest comment has
    // the highest id, so an order by id alone puts it at the end.
    const [row] = await select<{ id: number; author_id: number }>(db, 'SELECT id, author_id FROM articles WHERE slug = $1', [article.slug]);
    ensure(row !== undefined, { expected: `a row with slug ${JSON.stringify(article.slug)} in the articles table: this check builds on it`, got: 'no such row', lesson: L.persist });
    const earlier = '2024-02-29 09:00:00.000';
    await mustInsert(db, 'a comment', 'INSERT INTO comments (body, article_id, author_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)', ['a day earlier', row.id, row.author_id, earlier], L.comments);
    const listed = await listComments(http, article.slug, L.comments);
    ensure(same(bodiesOf(listed), ['a day earlier', 'first', 'second', 'third']), {
      expected: `the comments "a day earlier", "first", "second", "third", in that order (oldest first; the id breaks ties), and not the other article's: "a day earlier" was inserted with SQL last, with created_at ${earlier}, so it has the highest id but is the oldest`,
      got: JSON.stringify(bodiesOf(listed)),
      hint: "filter by the article's id, and order by created_at, then id: the id alone follows the order the rows were inserted in, not their age",
      lesson: L.comments,
    });
    const made = [first, second, third];
    const mismatch = listed.slice(1).filter((c, i) => c.id !== made[i].id || c.createdAt !== made[i].createdAt || c.updatedAt !== made[i].updatedAt || typeof c.author?.username !== 'string');
    ensure(mismatch.length === 0, {
      expected: 'each listed comment has the id, timestamps (milliseconds kept) and author that POST answered',
      got: `listed ${JSON.stringify(listed)}; created ${JSON.stringify(made)}`,
      hint: 'DATE(3) keeps milliseconds on MySQL (a plain DATETIME drops them)',
      lesson: L.comments,
    });
  });

  requirement('POST /api/articles/:slug/comments answers 422 for a blank, missing or non-string body, and stores nothing', { lesson: L.comments, covers: ['comment-body-422'] }, async () => {
    const { http, db } = await freshApp();
    const article = await createArticle(http);
    const url = path(article.slug, '/comments');
    const cases: { what: string; json: unknown }[] = [
      { what: 'a body of spaces', json: { comment: { body: '   ' } } },
      { what: 'no body', json: { comment: {} } },
      { what: 'a body that is a number', json: { comment: { body: 7 } } },
      { what: 'no {"comment": …} wrapper', json: { body: 'Hello' } },
      { what: '"comment": null', json: { comment: null } },
    ];
    for (const c of cases) {
      const res = await http.post(url, { json: c.json });
      expectStatus(res, 422, L.comments, `POST ${url} with ${c.what} (${JSON.stringify(c.json)}): answer 422 with the error envelope`);
      expectErrorEnvelope(res, L.comments);
    }
    const rows = await count(db, 'comments', '', [], L.comments);
    ensure(rows === 0, {
      expected: 'no row in comments: every request was refused',
      got: `${rows} row(s)`,
      hint: 'validate before inserting',
      lesson: L.comments,
    });
  });

  requirement('a comment body of more than 5,000 characters, or with a NUL or broken Unicode, answers 422 naming body; 5,000 (emoji too) is fine', { lesson: L.comments, covers: ['comment-limits'] }, async () => {
    const { http, db } = await freshApp();
    const article = await createArticle(http);
    const url = path(article.slug, '/comments');
    const fine = ['x'.repeat(5000), '🐉'.repeat(5000)];
    for (const body of fine) {
      const res = await http.post(url, { json: { comment: { body } } });
      expectStatus(res, 201, L.comments, `a body of exactly 5,000 characters${body.startsWith('🐉') ? ' (emoji, each one character: count code points, [...body].length, not UTF-16 units)' : ''} is within the limit`);
    }
    const bad: { what: string; raw: string }[] = [
      { what: '5,001 characters', raw: JSON.stringify({ comment: { body: 'x'.repeat(5001) } }) },
      { what: '5,001 emoji', raw: JSON.stringify({ comment: { body: '🐉'.repeat(5001) } }) },
      { what: 'a NUL character', raw: '{"comment": {"body": "before\\u0000after"}}' },
      { what: 'half of a surrogate pair', raw: '{"comment": {"body": "broken \\ud800 text"}}' },
      { what: 'a lone low surrogate', raw: '{"comment": {"body": "broken \\udc00"}}' },
    ];
    for (const b of bad) {
      const res = await http.post(url, { raw: b.raw });
      expectStatus(res, 422, L.comments, `a body with ${b.what} is refused before it reaches the database`);
      expectErrorEnvelope(res, L.comments);
      const errors = (res.body as { errors?: Record<string, unknown> }).errors ?? {};
      ensure('body' in errors, { expected: `the 422 for a body with ${b.what} names "body"`, got: describeResponse(res), lesson: L.comments });
    }
    const listed = await listComments(http, article.slug, L.comments);
    const rows = await count(db, 'comments', '', [], L.comments);
    ensure(rows === 2 && same(bodiesOf(listed), fine), {
      expected: 'two comments stored, the two 5,000-character bodies exactly as sent (emoji need utf8mb4 on MySQL), and nothing of the refused ones',
      got: `${rows} row(s) in comments; listed bodies of ${JSON.stringify(listed.map((c) => [...String(c.body)].length))} characters${listed.some((c) => !fine.includes(c.body)) ? ', not as sent' : ''}`,
      lesson: L.comments,
    });
  });

  requirement('the comments of an unknown article answer 404 on GET, POST and DELETE', { lesson: L.comments, covers: ['comments-unknown-article-404'] }, async () => {
    const { http } = await freshApp();
    const url = '/api/articles/no-such-article/comments';
    for (const res of [await http.get(url), await http.post(url, { json: { comment: { body: 'Hello?' } } }), await http.delete(`${url}/1`)]) {
      expectStatus(res, 404, L.comments, 'find the article by its slug first; none means 404, in the {"errors": {…}} envelope');
      expectErrorEnvelope(res, L.comments);
    }
  });
});

describe('DELETE /api/articles/:slug/comments/:id', () => {
  requirement('DELETE /api/articles/:slug/comments/:id answers 204, then the comment is gone from the API and the table', { lesson: L.deleteComment, covers: ['delete-comment-204'] }, async () => {
    const { http, db } = await freshApp();
    const article = await createArticle(http);
    const keep = await addComment(http, article.slug, 'keep me');
    const doomed = await addComment(http, article.slug, 'delete me');
    const url = path(article.slug, `/comments/${doomed.id}`);
    const res = await http.delete(url);
    expectStatus(res, 204, L.deleteComment, 'answer 204 No Content with an empty body: res.status(204).end()');
    ensure((res.text ?? '') === '', { expected: `DELETE ${url} answers with an empty body`, got: describeResponse(res), lesson: L.deleteComment });
    const listed = await listComments(http, article.slug, L.deleteComment);
    ensure(same(listed.map((c) => c.id), [keep.id]), {
      expected: `only comment ${keep.id} ("keep me") is left`,
      got: JSON.stringify(listed),
      lesson: L.deleteComment,
    });
    const rows = await count(db, 'comments', '', [], L.deleteComment);
    ensure(rows === 1, { expected: 'one row left in the comments table', got: `${rows} row(s)`, lesson: L.deleteComment });
    const again = await http.delete(url);
    expectStatus(again, 404, L.deleteComment, 'deleting a comment that is not there is a 404');
  });

  requirement('a comment id that is not a number, unknown, or of another article answers 404 and deletes nothing', { lesson: L.deleteComment, covers: ['delete-comment-404'] }, async () => {
    const { http, db } = await freshApp();
    const article = await createArticle(http, { title: 'Mine' });
    const other = await createArticle(http, { title: 'Theirs' });
    const theirs = await addComment(http, other.slug, 'not yours to delete');
    const mine = await addComment(http, article.slug, 'named only by its id in digits');
    // The lesson's 1.5, next to an id this article has: parseInt() reads it as that id.
    const spellings = [`${mine.id}.5`];
    for (const id of ['abc', '1.5', '-1', '99999', '99999999999999999999999', ...spellings, String(theirs.id)]) {
      const url = path(article.slug, `/comments/${id}`);
      const res = await http.delete(url);
      expectStatus(
        res,
        404,
        L.deleteComment,
        id === String(theirs.id)
          ? `comment ${id} exists, but under ${other.slug}: delete only where the id AND the article match`
          : spellings.includes(id)
            ? `"${id}" is not a whole number, though parseInt("${id}") reads it as ${mine.id}, the id of a comment of this article: test the whole text (/^\\d+$/) before converting it`
            : 'an id that is not a whole number, or names no comment of this article, is "not found"',
      );
      expectErrorEnvelope(res, L.deleteComment);
    }
    const rows = await count(db, 'comments', '', [], L.deleteComment);
    const listed = await listComments(http, other.slug, L.deleteComment);
    const ours = await listComments(http, article.slug, L.deleteComment);
    ensure(rows === 2 && listed.some((c) => c.id === theirs.id) && ours.some((c) => c.id === mine.id), {
      expected: `comment ${theirs.id} of ${other.slug} and comment ${mine.id} of ${article.slug} are both still there`,
      got: `${rows} row(s) in comments; ${other.slug} lists ${JSON.stringify(listed)}; ${article.slug} lists ${JSON.stringify(ours)}`,
      lesson: L.deleteComment,
    });
  });
});

// ── Deleting an article ──────────────────────────────────────────────────────────────────────

describe('DELETE /api/articles/:slug', () => {
  requirement("deleting an article deletes its comments and tag links, and nothing of another article's", { lesson: L.cascade, covers: ['delete-cascades'] }, async () => {
    const { http, db } = await freshApp();
    const doomed = await createArticle(http, { title: 'Going away', tagList: ['shared', 'only-here'] });
    const kept = await createArticle(http, { title: 'Staying', tagList: ['shared'] });
    await addComment(http, doomed.slug, 'goes with it');
    await addComment(http, doomed.slug, 'this too');
    await addComment(http, kept.slug, 'stays');
    const before = { comments: await count(db, 'comments', '', [], L.cascade), links: await count(db, 'article_tags', '', [], L.cascade) };
    ensure(before.comments === 3 && before.links === 3, {
      expected: '3 rows in comments and 3 in article_tags before the delete',
      got: `${before.comments} in comments, ${before.links} in article_tags`,
      lesson: L.cascade,
    });
    const res = await http.delete(path(doomed.slug));
    expectStatus(
      res,
      204,
      L.cascade,
      res.status === 422 || res.status >= 500 ? 'the foreign keys refuse to leave comments pointing at nothing: declare them ON DELETE CASCADE in the migration (or delete the comments first, in one transaction)' : undefined,
    );
    const after = { comments: await count(db, 'comments', '', [], L.cascade), links: await count(db, 'article_tags', '', [], L.cascade) };
    ensure(after.comments === 1 && after.links === 1, {
      expected: '1 row left in comments and 1 in article_tags (those of "Staying")',
      got: `${after.comments} in comments, ${after.links} in article_tags`,
      hint: 'ON DELETE CASCADE on comments.article_id and article_tags.article_id lets the database remove them with the article',
      lesson: L.cascade,
    });
    const comments = await listComments(http, kept.slug, L.cascade);
    const still = await http.get(path(kept.slug));
    ensure(same(bodiesOf(comments), ['stays']) && same((still.body as { article?: Article }).article?.tagList, ['shared']), {
      expected: `${kept.slug} keeps its comment "stays" and its tag "shared"`,
      got: `comments ${JSON.stringify(bodiesOf(comments))}; ${describeResponse(still)}`,
      lesson: L.cascade,
    });
  });
});

// ── The schema ───────────────────────────────────────────────────────────────────────────────

/** The columns the contract names; a learner may add more. */
const COLUMNS: Record<(typeof TABLES)[number], string[]> = {
  users: ['id', 'username', 'email', 'bio', 'image', 'created_at', 'updated_at'],
  articles: ['id', 'slug', 'title', 'description', 'body', 'author_id', 'created_at', 'updated_at'],
  tags: ['id', 'name'],
  article_tags: ['article_id', 'tag_id'],
  comments: ['id', 'body', 'article_id', 'author_id', 'created_at', 'updated_at'],
};

describe('the schema', () => {
  requirement('the migrations create users, articles, tags, article_tags and comments, with snake_case columns', { lesson: L.contract, covers: ['contract-tables'] }, async () => {
    const { db } = await fileDatabase(dir);
    const tables = await tableNames(db);
    const missing = TABLES.filter((t) => !tables.includes(t));
    ensure(missing.length === 0, {
      expected: `after migrate(db), the tables ${TABLES.join(', ')}`,
      got: `missing ${missing.join(', ')}; the database has ${JSON.stringify(tables)}`,
      hint: 'write a migration for each (src/db/migrations) and list it with the others',
      lesson: L.contract,
    });
    const problems: string[] = [];
    const qi = db.getQueryInterface() as unknown as { describeTable(t: string): Promise<Record<string, unknown>> };
    for (const table of TABLES) {
      const columns = Object.keys(await qi.describeTable(table));
      const absent = COLUMNS[table].filter((c) => !columns.includes(c));
      if (absent.length) problems.push(`${table} lacks ${absent.join(', ')} (has ${columns.join(', ')})`);
    }
    ensure(problems.length === 0, {
      expected: "every table has the contract's columns, in snake_case",
      got: problems.join('; '),
      hint: 'columns are snake_case in the database (author_id, created_at); models map them to camelCase with underscored: true',
      lesson: L.contract,
    });
  });

  requirement('the database itself refuses a duplicate slug, username, email, tag name or tag link', { lesson: L.constraints, covers: ['unique-constraints'] }, async () => {
    await loadApp(dir);
    const { db } = await fileDatabase(dir);
    const user = 'INSERT INTO users (username, email, created_at, updated_at) VALUES ($1, $2, $3, $3)';
    await mustInsert(db, 'a user', user, ['alice', 'alice@example.com', SQL_NOW], L.constraints);
    const hint = (what: string) => `declare ${what} unique in the migration (unique: true, or addIndex(…, { unique: true })): a check in code cannot stop two requests at once`;
    await mustRefuse(db, 'a second user named "alice"', user, ['alice', 'alice2@example.com', SQL_NOW], UNIQUE, hint('users.username'), L.constraints);
    await mustRefuse(db, 'a second user with the email alice@example.com', user, ['alice2', 'alice@example.com', SQL_NOW], UNIQUE, hint('users.email'), L.constraints);
    const [alice] = await select<{ id: number }>(db, 'SELECT id FROM users WHERE username = $1', ['alice']);
    const article = 'INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)';
    await mustInsert(db, 'an article', article, ['one-slug', 'One', 'd', 'b', alice.id, SQL_NOW], L.constraints);
    await mustRefuse(db, 'a second article with the slug "one-slug"', article, ['one-slug', 'Another', 'd', 'b', alice.id, SQL_NOW], UNIQUE, hint('articles.slug'), L.constraints);
    const tag = 'INSERT INTO tags (name) VALUES ($1)';
    await mustInsert(db, 'a tag', tag, ['solo'], L.constraints);
    await mustRefuse(db, 'a second tag named "solo"', tag, ['solo'], UNIQUE, hint('tags.name'), L.constraints);
    const [oneSlug] = await select<{ id: number }>(db, 'SELECT id FROM articles WHERE slug = $1', ['one-slug']);
    const [solo] = await select<{ id: number }>(db, 'SELECT id FROM tags WHERE name = $1', ['solo']);
    const link = 'INSERT INTO article_tags (article_id, tag_id) VALUES ($1, $2)';
    await mustInsert(db, 'a link from "one-slug" to the tag "solo"', link, [oneSlug.id, solo.id], L.constraints);
    await mustRefuse(
      db,
      'a second, identical link from "one-slug" to "solo" in article_tags',
      link,
      [oneSlug.id, solo.id],
      UNIQUE,
      'make (article_id, tag_id) the primary key of article_tags (primaryKey: true on both columns), or a unique index on the pair',
      L.constraints,
    );
  });

  requirement('the database itself refuses a comment, a tag link or an article that points at a missing article, tag or user; deleting a tag takes its links along', { lesson: L.constraints, covers: ['foreign-keys', 'tag-links-cascade'] }, async () => {
    await loadApp(dir);
    const { db } = await fileDatabase(dir);
    await mustInsert(db, 'a user', 'INSERT INTO users (username, email, created_at, updated_at) VALUES ($1, $2, $3, $3)', ['bob', 'bob@example.com', SQL_NOW], L.constraints);
    const [bob] = await select<{ id: number }>(db, 'SELECT id FROM users WHERE username = $1', ['bob']);
    await mustInsert(db, 'a tag', 'INSERT INTO tags (name) VALUES ($1)', ['lonely'], L.constraints);
    const [lonely] = await select<{ id: number }>(db, 'SELECT id FROM tags WHERE name = $1', ['lonely']);
    const hint = (column: string, table: string) => `make ${column} a foreign key in the migration: references: { model: '${table}', key: 'id' }`;
    await mustRefuse(
      db,
      'a comment whose article_id names no article',
      'INSERT INTO comments (body, article_id, author_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)',
      ['orphan', 987654, bob.id, SQL_NOW],
      FOREIGN_KEY,
      hint('comments.article_id', 'articles'),
      L.constraints,
    );
    await mustRefuse(
      db,
      'a row of article_tags whose article_id names no article',
      'INSERT INTO article_tags (article_id, tag_id) VALUES ($1, $2)',
      [987654, lonely.id],
      FOREIGN_KEY,
      hint('article_tags.article_id', 'articles'),
      L.constraints,
    );
    await mustRefuse(
      db,
      'an article whose author_id names no user',
      'INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)',
      ['nobody-wrote-this', 'Nobody', 'd', 'b', 987654, SQL_NOW],
      FOREIGN_KEY,
      hint('articles.author_id', 'users'),
      L.constraints,
    );
    await mustInsert(
      db,
      'an article by bob',
      'INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)',
      ['by-bob', 'By Bob', 'd', 'b', bob.id, SQL_NOW],
      L.constraints,
    );
    const [byBob] = await select<{ id: number }>(db, 'SELECT id FROM articles WHERE slug = $1', ['by-bob']);
    await mustRefuse(
      db,
      'a comment whose author_id names no user',
      'INSERT INTO comments (body, article_id, author_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)',
      ['ghost', byBob.id, 987654, SQL_NOW],
      FOREIGN_KEY,
      hint('comments.author_id', 'users'),
      L.constraints,
    );
    await mustRefuse(
      db,
      'a row of article_tags whose tag_id names no tag',
      'INSERT INTO article_tags (article_id, tag_id) VALUES ($1, $2)',
      [byBob.id, 987654],
      FOREIGN_KEY,
      hint('article_tags.tag_id', 'tags'),
      L.constraints,
    );
    // Both keys of article_tags cascade: a tag deleted (by a clean-up, say) takes its links along.
    await mustInsert(db, 'a link from "by-bob" to the tag "lonely"', 'INSERT INTO article_tags (article_id, tag_id) VALUES ($1, $2)', [byBob.id, lonely.id], L.constraints);
    try {
      await db.query('DELETE FROM tags WHERE id = $1', { bind: [lonely.id] });
    } catch (err) {
      fail({
        expected: 'DELETE FROM tags of a tag an article carries succeeds, and its rows of article_tags go with it',
        got: `the database refused: ${firstLine(err)}`,
        hint: "article_tags.tag_id references tags with onDelete: 'CASCADE', like article_tags.article_id references articles",
        lesson: L.constraints,
      });
    }
    const links = await count(db, 'article_tags', 'tag_id = $1', [lonely.id], L.constraints);
    ensure(links === 0, {
      expected: 'no row of article_tags points at the deleted tag',
      got: `${links} row(s) still do`,
      hint: "article_tags.tag_id references tags with onDelete: 'CASCADE'",
      lesson: L.constraints,
    });
  });

  requirement('the database itself refuses an article, comment or tag with a required column left empty (NOT NULL)', { lesson: L.constraints, covers: ['not-null'] }, async () => {
    await loadApp(dir);
    const { db } = await fileDatabase(dir);
    const carol = await insertUser(db, 'carol', L.constraints);
    const article = 'INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)';
    await mustInsert(db, 'an article', article, ['complete', 'Complete', 'd', 'b', carol, SQL_NOW], L.constraints);
    const [complete] = await select<{ id: number }>(db, 'SELECT id FROM articles WHERE slug = $1', ['complete']);
    const hint = (column: string) => `declare ${column} allowNull: false in the migration: a row without it is not a valid row, whoever inserts it`;
    const NOT_NULL = /null/i;
    const cases: [string, unknown[], string][] = [
      ['an article without a slug', [null, 'No slug', 'd', 'b', carol, SQL_NOW], 'articles.slug'],
      ['an article without a title', ['no-title', null, 'd', 'b', carol, SQL_NOW], 'articles.title'],
      ['an article without an author', ['no-author', 'No author', 'd', 'b', null, SQL_NOW], 'articles.author_id'],
    ];
    for (const [what, bind, column] of cases) await mustRefuse(db, what, article, bind, NOT_NULL, hint(column), L.constraints);
    const comment = 'INSERT INTO comments (body, article_id, author_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)';
    await mustRefuse(db, 'a comment without a body', comment, [null, complete.id, carol, SQL_NOW], NOT_NULL, hint('comments.body'), L.constraints);
    await mustRefuse(db, 'a comment without an article', comment, ['orphan', null, carol, SQL_NOW], NOT_NULL, hint('comments.article_id'), L.constraints);
    await mustRefuse(db, 'a comment without an author', comment, ['anonymous', complete.id, null, SQL_NOW], NOT_NULL, hint('comments.author_id'), L.constraints);
    await mustRefuse(db, 'a tag without a name', 'INSERT INTO tags (name) VALUES ($1)', [null], NOT_NULL, hint('tags.name'), L.constraints);
    const left = await count(db, 'articles', '', [], L.constraints);
    ensure(left === 1, { expected: 'one row in articles (the complete one)', got: `${left} row(s)`, lesson: L.constraints });
  });

  requirement('indexes lead with what the lists filter and sort by: article_tags.tag_id, comments.article_id, articles.created_at', { lesson: L.indexes, covers: ['indexes-lead'] }, async () => {
    const { db } = await fileDatabase(dir);
    const wanted: [string, string][] = [
      ['article_tags', 'tag_id'],
      ['comments', 'article_id'],
      ['articles', 'created_at'],
    ];
    const problems: string[] = [];
    for (const [table, column] of wanted) {
      const indexes = await indexesOf(db, table);
      if (!indexes.some((i) => columnsOf(i)[0] === column)) {
        problems.push(`no index of ${table} starts with ${column} (its indexes: ${indexes.map((i) => `${i.name}(${columnsOf(i).join(', ')})`).join(', ') || 'none'})`);
      }
    }
    ensure(problems.length === 0, {
      expected: 'an index whose first column is article_tags.tag_id, one for comments.article_id, one for articles.created_at',
      got: problems.join('; '),
      hint: "add them in the migrations with queryInterface.addIndex(table, [columns]); an index serves a query only from its first column on",
      lesson: L.indexes,
    });
  });

  // Last in the file: it takes the schema down and up again.
  requirement("migrate(db, 'down') undoes every migration, and migrate(db) builds the schema again, once", { lesson: L.migrations, covers: ['migrations-down-up'], timeout: 20_000 }, async () => {
    const mod = await importDbModule(dir);
    const { db } = await fileDatabase(dir);
    const own = async () => (await tableNames(db)).filter((t) => !/meta|migrations?$|^sqlite_/i.test(t));
    const before = await schemaOf(db);
    try {
      await mod.migrate(db, 'down');
    } catch (err) {
      fail({ expected: "migrate(db, 'down') undoes every migration", got: `it failed: ${firstLine(err)}`, hint: 'each down() drops what its up() created, children before parents (comments before articles)', lesson: L.migrations });
    }
    const leftOver = await own();
    ensure(leftOver.length === 0, {
      expected: "after migrate(db, 'down'), no table but the migration log",
      got: `still there: ${leftOver.join(', ')}`,
      hint: "each migration's down() drops every table its up() created; and 'down' means all of them (umzug.down({ to: 0 })), not only the last",
      lesson: L.migrations,
    });
    try {
      await mod.migrate(db);
    } catch (err) {
      fail({ expected: 'migrate(db) builds the schema again after a full down', got: `it failed: ${firstLine(err)}`, hint: 'down() must undo everything up() did, indexes included, so that up() can run again', lesson: L.migrations });
    }
    const rebuilt = await own();
    const missing = TABLES.filter((t) => !rebuilt.includes(t));
    ensure(missing.length === 0, {
      expected: `migrate(db) creates ${TABLES.join(', ')} again`,
      got: `missing ${missing.join(', ')}; the database has ${JSON.stringify(rebuilt)}`,
      lesson: L.migrations,
    });
    const after = await schemaOf(db);
    const changed = Object.keys({ ...before, ...after }).filter((k) => !same(before[k], after[k]));
    ensure(changed.length === 0, {
      expected: "down then up gives the same schema: the same tables, columns and indexes as before",
      got: changed.map((k) => `${k}: before ${JSON.stringify(before[k])}, after ${JSON.stringify(after[k])}`).join('; '),
      hint: "a down() that leaves an index or a column behind (or an up() that adds one only the first time) makes environments drift apart",
      lesson: L.migrations,
    });
    const { app } = await loadApp(dir);
    const http = await asAuthor(app);
    const article = await createArticle(http, { title: 'After the rebuild', tagList: ['rebuilt'] });
    await addComment(http, article.slug, 'works again');
    try {
      await mod.migrate(db);
    } catch (err) {
      fail({ expected: 'running migrate(db) when every migration is applied does nothing', got: `it failed: ${firstLine(err)}`, hint: 'the migration log (umzug\'s SequelizeStorage) remembers what ran; never call up() of a migration yourself', lesson: L.migrations });
    }
    const res = await http.get(path(article.slug));
    const comments = await listComments(http, article.slug, L.migrations);
    ensure(res.status === 200 && comments.length === 1 && (await count(db, 'articles', '', [], L.migrations)) === 1, {
      expected: 'running migrate(db) a second time keeps the data: the article and its comment are still there',
      got: `${describeResponse(res)}; ${comments.length} comment(s)`,
      hint: 'migrate() applies only what the migration log has not recorded yet',
      lesson: L.migrations,
    });
  });
});
