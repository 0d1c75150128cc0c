/**
 * Step 03 · A real database: writes that arrive together
 * (docs/03-database.md#when-two-requests-write-at-once). Bursts of concurrent requests of mixed
 * kinds against an app on the file's database, and against a server process whose open files on
 * the database are counted (Linux: /proc/<pid>/fd). Run on both dialects: SQLite has one writer
 * at a time, MySQL has deadlocks.
 */
import fs from 'node:fs';
import { describe } from 'vitest';
import {
  actingAuthor,
  api,
  budget,
  describeResponse,
  ensure,
  fail,
  fileDatabase,
  lessonLink,
  loadApp,
  requirement,
  serverDatabase,
  startServer,
  targetDir,
  testDialect,
  timeout,
  type Response,
  type SendOptions,
  type SequelizeLike,
} from './support/index.js';

const dir = targetDir('03-database');
const lesson = lessonLink('03-database');
const L = { concurrency: lesson('when-two-requests-write-at-once') };

type Http = ReturnType<typeof api>;

interface Article {
  slug: string;
  title: string;
  body?: string;
  tagList: string[];
}

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

/**
 * The tag-replacing burst: 40 PUTs at once over 8 articles. Spread over more articles, the
 * transactions meet in the gaps of article_tags and the tags' index, where MySQL deadlocks (3
 * articles deadlocked in about one burst in five on MariaDB; 8, in nearly every one).
 */
const ARTICLES = 8;
const PUTS = 40;

/**
 * What MySQL (or MariaDB) says of its deadlocks: how many since it started, and the report of the
 * latest one (SHOW ENGINE INNODB STATUS, with the tables it locked, schema included). Both are
 * server-wide: other check files (or other runs) on the same server deadlock too. undefined on SQLite.
 */
async function deadlockState(db: SequelizeLike): Promise<{ count?: number; latest?: string } | undefined> {
  if (testDialect() !== 'mysql') return undefined;
  const read = async (sql: string, column: string) => {
    const rows = (await db.query(sql, { type: 'SELECT' }).catch(() => [])) as Record<string, unknown>[];
    return rows[0]?.[column];
  };
  const number = (v: unknown) => (v === undefined || v === null || !Number.isFinite(Number(v)) ? undefined : Number(v));
  // MariaDB has the status variable; MySQL 8 counts them in INNODB_METRICS (enabled by default).
  const count =
    number(await read("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'", 'Value')) ??
    number(await read("SELECT `COUNT` AS n FROM information_schema.INNODB_METRICS WHERE NAME = 'lock_deadlocks'", 'n'));
  // Needs the PROCESS privilege; without it, only the count is known.
  const status = String((await read('SHOW ENGINE INNODB STATUS', 'Status')) ?? '');
  const at = status.indexOf('LATEST DETECTED DEADLOCK');
  const end = status.indexOf('\nTRANSACTIONS\n', at);
  const latest = at < 0 ? undefined : status.slice(at, end < 0 ? undefined : end);
  return { count, latest };
}

/** The schema the check file's database lives in (MySQL), to find it in a deadlock report. */
async function schemaOf(db: SequelizeLike): Promise<string | undefined> {
  const rows = (await db.query('SELECT DATABASE() AS n', { type: 'SELECT' }).catch(() => [])) as { n?: unknown }[];
  return typeof rows[0]?.n === 'string' ? rows[0].n : undefined;
}

/**
 * Whether a deadlock of this check happened since `before`: the latest report is new and names the
 * check's schema. Where the report cannot be read, a count that grew is taken for one (it may be
 * another file's, so a run may then stop early, as before).
 */
function deadlockSince(before: { count?: number; latest?: string }, now: { count?: number; latest?: string }, schema: string | undefined): boolean {
  if (now.latest !== undefined && schema !== undefined) return now.latest !== before.latest && now.latest.includes(`\`${schema}\`.`);
  return before.count !== undefined && now.count !== undefined && now.count > before.count;
}

async function freshApp(): Promise<{ http: Http; db: SequelizeLike }> {
  const { app } = await loadApp(dir);
  const { db } = await fileDatabase(dir);
  return { http: await asAuthor(app), db };
}

const path = (slug: string, rest = ''): string => `/api/articles/${encodeURIComponent(slug)}${rest}`;
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

async function createArticle(http: Http, title: string, tagList: string[] = []): Promise<Article> {
  const sent = { title, description: 'd', body: `About ${title}`, tagList };
  const res = await http.post('/api/articles', { json: { article: sent } });
  const article = (res.body as { article?: Article } | undefined)?.article;
  if (res.status !== 201 || typeof article?.slug !== 'string') {
    fail({ expected: `POST /api/articles {"article": ${JSON.stringify(sent)}} answers 201: this check builds on it`, got: describeResponse(res), lesson: L.concurrency });
  }
  return article;
}

const firstLine = (err: unknown): string => String((err as { parent?: { message?: string } })?.parent?.message ?? (err as Error)?.message ?? err).split('\n')[0];

async function countOf(db: SequelizeLike, sql: string, bind: unknown[] = []): Promise<number> {
  try {
    const rows = (await db.query(sql, { bind, type: 'SELECT' })) as { n: number }[];
    return Number(rows[0]?.n ?? 0);
  } catch (err) {
    return fail({
      expected: `the tables of the contract exist, so this check can count rows (${sql})`,
      got: firstLine(err),
      hint: 'the migrations create users, articles, tags, article_tags and comments: write them, then npm run db:migrate',
      lesson: lesson('the-database-contract'),
    });
  }
}

/** The requests of a burst that did not succeed, one line each. */
const failures = (sent: { what: string; res: Response }[]): string[] =>
  sent.filter((s) => s.res.status < 200 || s.res.status > 299).map((s) => `${s.what} → ${describeResponse(s.res)}`);

/** A burst of `n` writes of every kind on `articles` (n ≥ 10), sent at once. */
function mixedBurst(http: Http, articles: Article[], n: number, tag: string): Promise<{ what: string; res: Response }[]> {
  const kinds = ['create', 'update', 'comment'] as const;
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const target = articles[i % articles.length];
      const kind = kinds[i % kinds.length];
      if (kind === 'create') {
        const json = { article: { title: `Burst ${i}`, description: 'd', body: `Written in a burst (${i})`, tagList: [tag, `own-${i}`] } };
        return { what: `POST /api/articles (Burst ${i})`, res: await http.post('/api/articles', { json }) };
      }
      if (kind === 'update') {
        const json = { article: { body: `Updated in a burst (${i})`, tagList: [tag, `upd-${i % 4}`] } };
        return { what: `PUT ${path(target.slug)}`, res: await http.put(path(target.slug), { json }) };
      }
      return { what: `POST ${path(target.slug, '/comments')}`, res: await http.post(path(target.slug, '/comments'), { json: { comment: { body: `Comment ${i}` } } }) };
    }),
  );
}

/** The links in /proc/<pid>/fd that point at the database file (or its -wal, -shm, -journal), or undefined without /proc. */
function openDatabaseFiles(pid: number, storage: string): number | undefined {
  const fdDir = `/proc/${pid}/fd`;
  if (!fs.existsSync(fdDir)) return undefined;
  let n = 0;
  for (const fd of fs.readdirSync(fdDir)) {
    try {
      const target = fs.readlinkSync(`${fdDir}/${fd}`);
      if (target === storage || target.startsWith(`${storage}-`)) n += 1;
    } catch {
      // closed meanwhile
    }
  }
  return n;
}

describe('when two requests write at once', () => {
  requirement('20 concurrent writes of every kind (creates, updates, comments, deletes) all succeed: no 500, no SQLITE_BUSY', { lesson: L.concurrency, covers: ['sqlite-concurrent-writes'] }, async () => {
    const { http, db } = await freshApp();
    const articles: Article[] = [];
    for (let i = 0; i < 5; i++) articles.push(await createArticle(http, `Busy article ${i}`, ['busy']));
    const doomed = await createArticle(http, 'Going in the burst', ['busy']);
    const burst = mixedBurst(http, articles, 19, 'burst');
    const [sent, deleted] = await Promise.all([burst, http.delete(path(doomed.slug))]);
    const bad = failures([...sent, { what: `DELETE ${path(doomed.slug)}`, res: deleted }]);
    ensure(bad.length === 0, {
      expected: `20 simultaneous writes (${sent.length} creates, updates and comments, 1 delete) all answer 2xx (${testDialect()})`,
      got: `${bad.length} failed:\n          ${bad.slice(0, 6).join('\n          ')}`,
      hint: "on SQLite, every transaction must take its turn on the one writer connection (the given openDatabase does it: keep oneWriterAtATime, and give every query inside db.transaction its { transaction }); a 500 with SQLITE_BUSY means writers raced for the file's lock",
      lesson: L.concurrency,
    });
    const creates = sent.filter((s) => s.what.startsWith('POST /api/articles (')).length;
    const comments = sent.filter((s) => s.what.includes('/comments')).length;
    const rows = { articles: await countOf(db, 'SELECT COUNT(*) AS n FROM articles'), comments: await countOf(db, 'SELECT COUNT(*) AS n FROM comments') };
    const links = await countOf(db, 'SELECT COUNT(*) AS n FROM article_tags WHERE tag_id IN (SELECT id FROM tags WHERE name = $1)', ['burst']);
    const updates = sent.length - creates - comments;
    ensure(rows.articles === 5 + creates && rows.comments === comments && links === creates + Math.min(updates, 5), {
      expected: `${5 + creates} rows in articles, ${comments} in comments, ${creates + Math.min(updates, 5)} links to the tag "burst": every write of the burst stored once`,
      got: `${rows.articles} article(s), ${rows.comments} comment(s), ${links} link(s) to "burst"`,
      lesson: L.concurrency,
    });
  });

  requirement('parallel DELETEs of one article, or of one comment, answer 204 once and 404 for the others', { lesson: L.concurrency, covers: ['parallel-deletes-once'] }, async () => {
    const { http, db } = await freshApp();
    // Six articles, each deleted six times at once: whether two deletes both find the article
    // before either removes it is up to timing (on MySQL, a delete may finish before another's read
    // starts), so the race is run six times rather than once. Six reads at once first, so that the
    // first race does not meet a cold connection pool: on MariaDB, with three races and no warm-up,
    // the first race missed in 2 runs of 8 (the second caught it then); warmed up, it caught it in 8 of 8.
    const doomed: Article[] = [];
    for (let i = 0; i < 6; i++) doomed.push(await createArticle(http, `Deleted six times at once ${i}`, ['race']));
    await Promise.all(doomed.map((a) => http.get(path(a.slug))));
    const keep = await createArticle(http, 'Not deleted at all', ['race']);
    const created = await http.post(path(keep.slug, '/comments'), { json: { comment: { body: 'deleted six times at once' } } });
    const commentId = (created.body as { comment?: { id?: unknown } } | undefined)?.comment?.id;
    ensure(created.status === 201 && Number.isInteger(commentId), {
      expected: `POST ${path(keep.slug, '/comments')} answers 201 with {"comment": {"id": <integer>}}: this check builds on it`,
      got: describeResponse(created),
      lesson: lesson('comments'),
    });
    for (const [what, url] of [
      ...doomed.map((a) => ['article', path(a.slug)] as const),
      ['comment', path(keep.slug, `/comments/${String(commentId)}`)],
    ] as const) {
      const answers = await Promise.all(Array.from({ length: 6 }, () => http.delete(url)));
      const statuses = answers.map((r) => r.status);
      ensure(statuses.filter((s) => s === 204).length === 1 && statuses.filter((s) => s === 404).length === 5, {
        expected: `6 simultaneous DELETE ${url}: one 204 (the delete that removed the ${what}) and five 404 (${testDialect()})`,
        got: `statuses ${JSON.stringify(statuses)}`,
        hint: `every delete found the ${what} before any removed it: answer by what the DELETE itself removed (destroy() resolves to the number of rows), not by what the read before it saw`,
        lesson: L.concurrency,
      });
    }
    for (const article of doomed) {
      const left = await countOf(db, 'SELECT COUNT(*) AS n FROM articles WHERE slug = $1', [article.slug]);
      ensure(left === 0, { expected: `no row left for ${article.slug}`, got: `${left} row(s)`, lesson: L.concurrency });
    }
  });

  requirement('a burst of 100 concurrent writes leaves no more files open on the database than a single write', { lesson: L.concurrency, covers: ['no-leaked-connections'], timeout: 40_000 }, async () => {
    const db = await serverDatabase(dir, { shareFileDatabase: true });
    const server = await startServer(dir, { env: db.env, lesson: L.concurrency });
    try {
      const http = await asAuthor(server.url);
      const pid = server.proc.child.pid;
      const storage = db.config.dialect === 'sqlite' ? db.config.storage : undefined;
      const articles = [await createArticle(http, 'First of many', ['leak'])];
      // On MySQL the pool's connections are sockets, not files: only the burst's answers are judged there.
      const single = storage && pid ? openDatabaseFiles(pid, storage) : undefined;
      for (let i = 1; i < 4; i++) articles.push(await createArticle(http, `Article ${i} of many`, ['leak']));
      const sent = await mixedBurst(http, articles, 100, 'leak');
      const bad = failures(sent);
      ensure(bad.length === 0, {
        expected: `100 simultaneous writes to a server process all answer 2xx (${testDialect()})`,
        got: `${bad.length} failed:\n          ${bad.slice(0, 6).join('\n          ')}`,
        hint: "transactions take turns on one writer connection (the given oneWriterAtATime); each lost race for SQLite's lock is a 500 and a connection nobody closes",
        lesson: L.concurrency,
      });
      if (single === undefined || !storage || !pid) return; // no /proc (macOS, Windows) or not SQLite: nothing to count
      // Connections are closed asynchronously: poll until the count is back, within a budget. A
      // count that still changed in the last second is a server still closing (a slow machine):
      // the check is run again with larger budgets, never failed for it; one that stays up is a leak.
      const until = Date.now() + budget(3000);
      let after = openDatabaseFiles(pid, storage) ?? 0;
      let changedAt = Date.now();
      while (after > single && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const now = openDatabaseFiles(pid, storage) ?? 0;
        if (now !== after) changedAt = Date.now();
        after = now;
      }
      if (after > single && Date.now() - changedAt < budget(1000)) {
        timeout({
          expected: `after 100 concurrent writes, the server holds at most ${single} open file(s) on ${storage}, as after a single write`,
          got: `${after} open file(s) after ${(budget(3000) / 1000).toFixed(1)} s, and the server was still closing some`,
          lesson: L.concurrency,
        });
      }
      ensure(after <= single, {
        expected: `after 100 concurrent writes, the server holds at most ${single} open file(s) on ${storage} (and its -wal, -shm), as after a single write`,
        got: `${after} open file(s) on the database (/proc/${pid}/fd)`,
        hint: 'connections opened for transactions stay open: a transaction that opens a SQLite connection of its own (or loses the race for the lock) must close it; the given oneWriterAtATime reuses one writer connection for every transaction',
        lesson: L.concurrency,
      });
    } finally {
      await server.stop();
      await db.drop();
    }
  });

  requirement('a burst of updates replacing the tags of the same articles all succeed, each article ending with the tags of one of them', { lesson: L.concurrency, covers: ['mysql-deadlocks-retried'] }, async () => {
    const { http, db } = await freshApp();
    const articles: Article[] = [];
    for (let i = 0; i < ARTICLES; i++) articles.push(await createArticle(http, `Contested ${i}`, ['p0', 'p1', `own-${i}`]));
    const pool = ['p0', 'p1', 'p2', 'p3', 'p4'];
    const sets = (i: number): string[] => [...new Set([pool[i % 5], pool[(i * 2 + 1) % 5], pool[(i * 3 + 2) % 5], `n-${i % 7}`])].sort();
    const burst = () =>
      Promise.all(
        Array.from({ length: PUTS }, async (_, i) => {
          const target = articles[i % ARTICLES];
          const tagList = sets(i);
          return { what: `PUT ${path(target.slug)} {"tagList": ${JSON.stringify(tagList)}}`, target: i % ARTICLES, tagList, res: await http.put(path(target.slug), { json: { article: { tagList } } }) };
        }),
      );
    // A deadlock is up to the timing of the burst: a code that does not run its victims again fails
    // only when one happens. On MySQL the burst is sent again, up to 8 times, until the server has
    // reported a deadlock in this check's schema (the latest deadlock of SHOW ENGINE INNODB STATUS;
    // without the privilege to read it, until Innodb_deadlocks, server-wide, has grown), so the
    // retry is exercised in nearly every run instead of in some. A deadlock of another check file
    // running at the same time on the same server no longer ends the repeats. Each burst must
    // succeed whole.
    const before = await deadlockState(db);
    const schema = before ? await schemaOf(db) : undefined;
    let sent = await burst();
    for (let round = 1; round < 8 && failures(sent).length === 0 && before !== undefined; round++) {
      const now = await deadlockState(db);
      if (now === undefined || (now.count === undefined && now.latest === undefined) || deadlockSince(before, now, schema)) break;
      sent = await burst();
    }
    const bad = failures(sent);
    ensure(bad.length === 0, {
      expected: `${PUTS} simultaneous PUTs replacing the tags of ${ARTICLES} articles all answer 200 (${testDialect()})`,
      got: `${bad.length} failed:\n          ${bad.slice(0, 6).join('\n          ')}`,
      hint: 'on MySQL two such transactions can deadlock (error 1213): run the victim again, the whole transaction, after a short random pause (the given retryDeadlocks does it for db.transaction(callback))',
      lesson: L.concurrency,
    });
    for (const [i, article] of articles.entries()) {
      const res = await http.get(path(article.slug));
      const tagList = (res.body as { article?: Article } | undefined)?.article?.tagList;
      const candidates = sent.filter((s) => s.target === i).map((s) => s.tagList);
      const [row] = (await db.query('SELECT id FROM articles WHERE slug = $1', { bind: [article.slug], type: 'SELECT' }).catch(() => [])) as { id: number }[];
      const links = row ? await countOf(db, 'SELECT COUNT(*) AS n FROM article_tags WHERE article_id = $1', [row.id]) : -1;
      ensure(res.status === 200 && candidates.some((c) => same(c, tagList ? [...tagList].sort() : tagList)) && links === tagList?.length, {
        expected: `${path(article.slug)} ends with the tags of one of the PUTs sent to it (${candidates.map((c) => JSON.stringify(c)).join(' or ')}), one row in article_tags per tag`,
        got: `${describeResponse(res)}; ${links < 0 ? 'no row in articles' : `${links} row(s) in article_tags`}`,
        hint: 'replace the links in the same transaction as the rest of the update, so two updates never mix their tags',
        lesson: L.concurrency,
      });
    }
  });
});
