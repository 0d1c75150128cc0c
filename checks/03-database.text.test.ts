/**
 * Step 03 · A real database: how text compares (docs/03-database.md#collations). The same
 * requests must give the same answers on SQLite (exact, byte by byte) and on MySQL/MariaDB, whose
 * default collations fold case, weigh emoji alike and ignore trailing spaces. Run it on both
 * dialects (WORKSHOP_DB_DIALECT=mysql): most of these mistakes only show on one of them.
 */
import { describe } from 'vitest';
import {
  actingAuthor,
  api,
  describeResponse,
  ensure,
  expectErrorEnvelope,
  expectStatus,
  fail,
  fileDatabase,
  lessonLink,
  loadApp,
  requirement,
  targetDir,
  type SendOptions,
  type SequelizeLike,
} from './support/index.js';

const dir = targetDir('03-database');
const lesson = lessonLink('03-database');
const L = { collations: lesson('collations') };

type Http = ReturnType<typeof api>;

interface Article {
  slug: string;
  title: string;
  body?: string;
  tagList: string[];
  author?: { username: string };
}

/** Requests as the acting author: "demo" before step 04, a registered user with a token from step 04 on. */
async function freshApp(): Promise<{ http: Http; db: SequelizeLike; username: string }> {
  const { app } = await loadApp(dir);
  const { db } = await fileDatabase(dir);
  const raw = api(app);
  const { headers, username } = await actingAuthor(raw);
  const h = (o?: SendOptions): SendOptions => ({ ...o, headers: { ...headers, ...o?.headers } });
  const http: Http = {
    get: (p, o) => raw.get(p, h(o)),
    post: (p, o) => raw.post(p, h(o)),
    put: (p, o) => raw.put(p, h(o)),
    patch: (p, o) => raw.patch(p, h(o)),
    delete: (p, o) => raw.delete(p, h(o)),
  };
  return { http, db, username };
}

const path = (slug: string, rest = ''): string => `/api/articles/${encodeURIComponent(slug)}${rest}`;
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const SQL_NOW = '2024-03-01 09:00:00.000';

async function createArticle(http: Http, title: string, tagList?: string[]): Promise<Article> {
  const sent = { title, description: 'd', body: `About ${title}`, ...(tagList && { tagList }) };
  const res = await http.post('/api/articles', { json: { article: sent } });
  const article = (res.body as { article?: Article } | undefined)?.article;
  if (res.status !== 201 || typeof article?.slug !== 'string') {
    fail({ expected: `POST /api/articles {"article": ${JSON.stringify(sent)}} answers 201 with the article: this check builds on it`, got: describeResponse(res), lesson: L.collations });
  }
  return article;
}

async function addComment(http: Http, slug: string, body: string): Promise<number> {
  const res = await http.post(path(slug, '/comments'), { json: { comment: { body } } });
  const id = (res.body as { comment?: { id?: unknown } } | undefined)?.comment?.id;
  if (res.status !== 201 || !Number.isInteger(id)) {
    fail({ expected: `POST ${path(slug, '/comments')} answers 201 with {"comment": {"id": <integer>, …}}: this check builds on it`, got: describeResponse(res), lesson: lesson('comments') });
  }
  return id as number;
}

const firstLine = (err: unknown): string => {
  const e = err as { name?: string; message?: string; parent?: { message?: string } };
  return String(e?.parent?.message ?? e?.message ?? err).split('\n')[0];
};

async function select<T = Record<string, unknown>>(db: SequelizeLike, sql: string, bind: unknown[] = []): Promise<T[]> {
  try {
    return (await db.query(sql, { bind, type: 'SELECT' })) as T[];
  } catch (err) {
    return fail({
      expected: `the tables of the contract exist, so this check can read them (${sql})`,
      got: firstLine(err),
      hint: 'the migrations create users, articles, tags, article_tags and comments: write them, then npm run db:migrate',
      lesson: lesson('the-database-contract'),
    });
  }
}

const countOf = async (db: SequelizeLike, sql: string, bind: unknown[] = []): Promise<number> => Number((await select<{ n: number }>(db, sql, bind))[0]?.n ?? 0);

async function insert(db: SequelizeLike, what: string, sql: string, bind: unknown[]): Promise<void> {
  try {
    await db.query(sql, { bind });
  } catch (err) {
    fail({ expected: `${what} can be inserted (${sql}, ${JSON.stringify(bind)})`, got: firstLine(err), hint: 'compare your tables with the contract, and the collation of the column (TABLE_OPTIONS)', lesson: L.collations });
  }
}

async function userId(db: SequelizeLike, username: string): Promise<number> {
  await insert(db, `the user "${username}"`, 'INSERT INTO users (username, email, created_at, updated_at) VALUES ($1, $2, $3, $3)', [username, `${username.toLowerCase()}@example.com`, SQL_NOW]);
  const rows = await select<{ id: number }>(db, 'SELECT id FROM users WHERE username = $1', [username]);
  return Number(rows[0]?.id);
}

async function listSlugs(http: Http, query: string): Promise<{ slugs: string[] | undefined; count: unknown; text: string }> {
  const res = await http.get(`/api/articles?${query}`);
  const page = res.body as { articles?: Article[]; articlesCount?: unknown } | undefined;
  const slugs = res.status === 200 && Array.isArray(page?.articles) ? page.articles.map((a) => a.slug).sort() : undefined;
  return { slugs, count: page?.articlesCount, text: describeResponse(res) };
}

describe('collations', () => {
  requirement('tags are compared exactly on every dialect: Tea and tea, 🐱 and 💩 are four tags, and ?tag= finds only its own', { lesson: L.collations, covers: ['tags-compared-exactly'] }, async () => {
    const { http, db } = await freshApp();
    const four = ['Tea', 'tea', '🐱', '💩'];
    const all = await createArticle(http, 'All four', four);
    ensure(same([...all.tagList].sort(), [...four].sort()), {
      expected: `POST /api/articles with tagList ${JSON.stringify(four)} answers with the four tags`,
      got: JSON.stringify(all.tagList),
      hint: "a MySQL table without a collation of its own takes the server's, which folds case ('Tea' = 'tea') and, for utf8mb4_general_ci, weighs every emoji alike: pass TABLE_OPTIONS (utf8mb4_bin) to createTable",
      lesson: L.collations,
    });
    const lower = await createArticle(http, 'Only lower case', ['tea']);
    const poo = await createArticle(http, 'Only the other emoji', ['💩']);
    const expected: [string, string[]][] = [
      ['Tea', [all.slug]],
      ['tea', [all.slug, lower.slug]],
      ['TEA', []],
      ['🐱', [all.slug]],
      ['💩', [all.slug, poo.slug]],
    ];
    for (const [tag, slugs] of expected) {
      const got = await listSlugs(http, `tag=${encodeURIComponent(tag)}`);
      ensure(same(got.slugs, [...slugs].sort()) && got.count === slugs.length, {
        expected: `GET /api/articles?tag=${tag} lists exactly ${JSON.stringify([...slugs].sort())}`,
        got: got.slugs ? `${JSON.stringify(got.slugs)}, "articlesCount": ${JSON.stringify(got.count)}` : got.text,
        hint: 'tags.name needs an exact collation on MySQL too (utf8mb4_bin, through TABLE_OPTIONS in the migration)',
        lesson: L.collations,
      });
    }
    const rows = await countOf(db, 'SELECT COUNT(*) AS n FROM tags WHERE name IN ($1, $2, $3, $4)', four);
    const links = await countOf(db, 'SELECT COUNT(*) AS n FROM article_tags');
    ensure(rows === 4 && links === 6, {
      expected: 'four rows in tags (Tea, tea, 🐱, 💩) and six in article_tags',
      got: `${rows} tag row(s), ${links} link row(s)`,
      lesson: L.collations,
    });
    const res = await http.get('/api/tags');
    const tags = (res.body as { tags?: unknown } | undefined)?.tags;
    ensure(Array.isArray(tags) && four.every((t) => tags.filter((x) => x === t).length === 1), {
      expected: `GET /api/tags lists each of ${JSON.stringify(four)} once`,
      got: describeResponse(res),
      lesson: L.collations,
    });
  });

  requirement('a slug matches only itself: another case or a trailing space answers 404 on every route, and changes nothing', { lesson: L.collations, covers: ['slugs-compared-exactly'] }, async () => {
    const { http, db } = await freshApp();
    const article = await createArticle(http, 'Hello Conduit');
    await addComment(http, article.slug, 'first!');
    const variants = [article.slug.toUpperCase(), article.slug[0].toUpperCase() + article.slug.slice(1), `${article.slug} `];
    for (const slug of variants) {
      const answers = [
        ['GET', path(slug), await http.get(path(slug))],
        ['PUT', path(slug), await http.put(path(slug), { json: { article: { title: 'Renamed through the wrong slug' } } })],
        ['GET', path(slug, '/comments'), await http.get(path(slug, '/comments'))],
        ['POST', path(slug, '/comments'), await http.post(path(slug, '/comments'), { json: { comment: { body: 'through the wrong slug' } } })],
        ['DELETE', path(slug), await http.delete(path(slug))],
      ] as const;
      for (const [method, url, res] of answers) {
        expectStatus(res, 404, L.collations, `${method} ${url}: "${slug}" is not "${article.slug}". On MySQL, give articles an exact collation (TABLE_OPTIONS: utf8mb4_bin), and turn away a slug with a space at its end before asking (its PAD SPACE collations ignore trailing spaces)`);
        expectErrorEnvelope(res, L.collations);
      }
    }
    const rows = await select<{ title: string }>(db, 'SELECT title FROM articles WHERE slug = $1', [article.slug]);
    const comments = await countOf(db, 'SELECT COUNT(*) AS n FROM comments');
    ensure(rows.length === 1 && rows[0].title === 'Hello Conduit' && comments === 1, {
      expected: `the article "${article.slug}" is still there, titled "Hello Conduit", with its one comment`,
      got: `${rows.length} row(s) ${JSON.stringify(rows)}; ${comments} comment(s)`,
      lesson: L.collations,
    });
    // Slugs made by hand, around the API: two that differ only by case are two articles.
    const author = await userId(db, 'slug_maker');
    const insertArticle = 'INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)';
    await insert(db, 'an article with the slug "Mixed-Case"', insertArticle, ['Mixed-Case', 'Upper', 'd', 'b', author, SQL_NOW]);
    await insert(db, 'an article with the slug "mixed-case" (it differs by case: another slug)', insertArticle, ['mixed-case', 'Lower', 'd', 'b', author, SQL_NOW]);
    for (const [slug, title] of [['Mixed-Case', 'Upper'], ['mixed-case', 'Lower']]) {
      const res = await http.get(path(slug));
      ensure(res.status === 200 && (res.body as { article?: Article }).article?.title === title, {
        expected: `GET ${path(slug)} answers the article titled "${title}"`,
        got: describeResponse(res),
        hint: 'the slug column compares exactly (utf8mb4_bin on MySQL)',
        lesson: L.collations,
      });
    }
    const none = await http.get(path('MIXED-CASE'));
    expectStatus(none, 404, L.collations, 'no article has the slug MIXED-CASE');
  });

  requirement('a slug with a NUL, a space or a control character answers 404 on every route under /api/articles/:slug, never 500, and changes nothing', { lesson: L.collations, covers: ['impossible-slug-404'] }, async () => {
    const { http, db } = await freshApp();
    const article = await createArticle(http, 'Hello Conduit', ['kept']);
    const commentId = await addComment(http, article.slug, 'still here');
    const s = article.slug;
    const impossible = [`${s}\u0000`, `\u0000${s}`, `${s} `, ` ${s}`, `${s}\t`, `${s}\n`, `${s}\r`, `${s}\u001b`, `${s}\u007f`, `${s.slice(0, 3)} ${s.slice(3)}`];
    for (const slug of impossible) {
      const answers = [
        ['GET', path(slug), await http.get(path(slug))],
        ['PUT', path(slug), await http.put(path(slug), { json: { article: { title: 'Renamed', tagList: ['changed'] } } })],
        ['GET', path(slug, '/comments'), await http.get(path(slug, '/comments'))],
        ['POST', path(slug, '/comments'), await http.post(path(slug, '/comments'), { json: { comment: { body: 'sneaked in' } } })],
        ['DELETE', path(slug, `/comments/${commentId}`), await http.delete(path(slug, `/comments/${commentId}`))],
        ['DELETE', path(slug), await http.delete(path(slug))],
      ] as const;
      for (const [method, url, res] of answers) {
        expectStatus(
          res,
          404,
          L.collations,
          res.status >= 500
            ? `${method} ${url} reached the database with an impossible slug (SQLite fails on a NUL character): answer 404 before any query, on every route with :slug (router.param('slug', …) on each router)`
            : `${method} ${url}: no article has this slug (MySQL ignores trailing spaces when it compares: turn such a slug away before the query)`,
        );
        expectErrorEnvelope(res, L.collations);
      }
    }
    const rows = await select<{ title: string }>(db, 'SELECT title FROM articles');
    const comments = await select<{ body: string }>(db, 'SELECT body FROM comments');
    const links = await countOf(db, 'SELECT COUNT(*) AS n FROM article_tags');
    ensure(same(rows.map((r) => r.title), ['Hello Conduit']) && same(comments.map((c) => c.body), ['still here']) && links === 1, {
      expected: 'the article "Hello Conduit", its one comment "still here" and its one tag link are all that is in the tables',
      got: `articles ${JSON.stringify(rows)}; comments ${JSON.stringify(comments)}; ${links} tag link(s)`,
      lesson: L.collations,
    });
  });

  requirement('?tag= and ?author= with a space at either end match nothing, on every dialect', { lesson: L.collations, covers: ['filters-no-trailing-space'] }, async () => {
    const { http, db, username } = await freshApp();
    const article = await createArticle(http, 'Tea time', ['tea']);
    const links = await countOf(db, 'SELECT COUNT(*) AS n FROM article_tags');
    ensure(links === 1, { expected: 'one row in article_tags for the article tagged "tea"', got: `${links} row(s)`, lesson: L.collations });
    const u = encodeURIComponent(username);
    const cases: [string, string[]][] = [
      ['tag=tea', [article.slug]],
      [`author=${u}`, [article.slug]],
      ['tag=tea%20', []],
      ['tag=%20tea', []],
      ['tag=tea%20%20', []],
      [`author=${u}%20`, []],
      [`author=%20${u}`, []],
      [`tag=tea%20&author=${u}`, []],
    ];
    for (const [query, slugs] of cases) {
      const got = await listSlugs(http, query);
      ensure(same(got.slugs, slugs) && got.count === slugs.length, {
        expected: `GET /api/articles?${query} lists ${JSON.stringify(slugs)} ("articlesCount": ${slugs.length})`,
        got: got.slugs ? `${JSON.stringify(got.slugs)}, "articlesCount": ${JSON.stringify(got.count)}` : got.text,
        hint: "MySQL's collations ignore trailing spaces ('tea ' = 'tea'), even utf8mb4_bin: a filter with a space at either end matches nothing, so answer that before asking the database",
        lesson: L.collations,
      });
    }
  });

  requirement('the database refuses a username that differs from an existing one only by case, on every dialect', { lesson: L.collations, covers: ['usernames-unique-any-case'] }, async () => {
    const { http, db } = await freshApp();
    const ada = await userId(db, 'ada');
    for (const clash of ['Ada', 'ADA', 'adA']) {
      let refused: unknown;
      try {
        await db.query('INSERT INTO users (username, email, created_at, updated_at) VALUES ($1, $2, $3, $3)', { bind: [clash, `${clash}-2@example.org`, SQL_NOW] });
      } catch (err) {
        refused = err;
      }
      ensure(refused !== undefined && /unique|duplicate/i.test(`${(refused as Error).name} ${firstLine(refused)}`), {
        expected: `the database refuses a user "${clash}" once "ada" exists (a unique index on users.username that ignores case)`,
        got: refused === undefined ? 'it was inserted' : firstLine(refused),
        hint: "users.username takes caseInsensitiveString(qi, 64) from ./text.ts: NOCASE on SQLite, utf8mb4_unicode_ci on MySQL; in a table created with TABLE_OPTIONS (utf8mb4_bin) a plain STRING is case-sensitive on MySQL",
        lesson: L.collations,
      });
    }
    const users = await countOf(db, 'SELECT COUNT(*) AS n FROM users WHERE id = $1', [ada]);
    // The one "ada" still writes: an article of hers reads back with her name as stored.
    await insert(db, 'an article by ada', 'INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)', ['by-ada', 'By Ada', 'd', 'b', ada, SQL_NOW]);
    const res = await http.get(path('by-ada'));
    ensure(users === 1 && res.status === 200 && (res.body as { article?: Article }).article?.author?.username === 'ada', {
      expected: 'GET /api/articles/by-ada answers the article with author.username "ada", as stored',
      got: describeResponse(res),
      lesson: L.collations,
    });
  });
});
