/**
 * What the step-05 check files share: the lesson links, a statement counter on the database
 * handle the app is given, the pristine starter as the oracle of every answer, and builders for
 * users, articles, favorites and follows. Not a check file itself (the runner runs
 * `05-performance*.test.ts` only).
 */
import { isDeepStrictEqual } from 'node:util';
import { findStep } from '../runner/lib/steps.js';
import { starterDir } from '../runner/lib/workspace.js';
import {
  api,
  BlockedFailure,
  describeResponse,
  ensure,
  fileDatabase,
  importFromTarget,
  lessonLink,
  loadApp,
  recordingLogger,
  targetDir,
  TEST_CONFIG,
  type Response,
} from './support/index.js';
import { importDbModule, type SequelizeLike } from './support/db.js';

export const dir = targetDir('05-performance');
const lesson = lessonLink('05-performance');

export const L = {
  same: lesson('same-answers-fewer-statements'),
  feed: lesson('the-feed'),
  single: lesson('one-article-one-profile'),
  indexes: lesson('indexes'),
  tags: lesson('caching-the-tags'),
  etag: lesson('http-validators'),
  compression: lesson('compression'),
};

export type Http = ReturnType<typeof api>;

/** The statement caps of the lesson: a list or the feed, and one article, profile or comment list. */
export const CAPS = { list: 8, single: { anonymous: 3, withToken: 4 } } as const;

// ── Counting statements ────────────────────────────────────────────────────────────────────

interface Hookable {
  addHook(name: 'beforeQuery' | 'afterQuery', key: string, fn: (options: unknown, query: unknown) => unknown): unknown;
  removeHook(name: 'beforeQuery' | 'afterQuery', key: string): unknown;
}

let hookSerial = 0;

/**
 * Counts every statement the app sends through the database handle it was given: Sequelize's
 * beforeQuery hook sees each one, raw queries and transactions' BEGIN and COMMIT included.
 */
export async function countStatements<T>(db: SequelizeLike, work: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const key = `workshop-count-${++hookSerial}`;
  let statements = 0;
  const hookable = db as unknown as Hookable;
  hookable.addHook('beforeQuery', key, () => {
    statements += 1;
  });
  try {
    const result = await work();
    return { result, statements };
  } finally {
    hookable.removeHook('beforeQuery', key);
  }
}

/**
 * Holds the next statement the app sends through `db` once it has run, before its rows go back to
 * the app, until release(): how a check makes a read overlap a write, every time. `held` resolves
 * true once a statement is caught, or false when release() comes first. There is no time limit:
 * race `held` with the request that should send the statement (it has a response budget), so a
 * slow machine makes the hold late, never missed.
 */
export function holdNextStatement(db: SequelizeLike, which: (sql: string) => boolean = () => true): Hold {
  const key = `workshop-hold-${++hookSerial}`;
  const hookable = db as unknown as Hookable;
  const hold = holdOnce(() => hookable.removeHook('afterQuery', key));
  hookable.addHook('afterQuery', key, async (_options, query) => {
    if (hold.armed() && which(sqlOf(query))) await hold.wait();
  });
  return hold;
}

export interface Hold {
  /** True once a statement is caught; false when release() came first. */
  held: Promise<boolean>;
  release(): void;
}

/**
 * One hold: the first statement that calls wait() is caught and waits until release(); `disarm`
 * runs once, when a statement is caught or release() comes first, to unhook the hold.
 */
function holdOnce(disarm: () => void): Hold & { armed(): boolean; wait(): Promise<void> } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let caught!: (yes: boolean) => void;
  const held = new Promise<boolean>((resolve) => (caught = resolve));
  let armed = true;
  const end = (yes: boolean): boolean => {
    if (!armed) return false;
    armed = false;
    disarm();
    caught(yes);
    return true;
  };
  return {
    held,
    armed: () => armed,
    async wait() {
      if (end(true)) await gate;
    },
    release() {
      end(false);
      open();
    },
  };
}

/** The SQL of a Sequelize query object, as the afterQuery hook sees it once it has run. */
const sqlOf = (query: unknown): string => {
  const sql = typeof query === 'object' && query !== null ? (query as { sql?: unknown }).sql : undefined;
  return typeof sql === 'string' ? sql : '';
};

/** A statement that changes rows: how a check finds the write it wants to hold half-way. */
export const changesRows = (sql: string): boolean => /^\s*(?:INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql);

/** The statement that ends a transaction with its writes kept. */
export const commits = (sql: string): boolean => /^\s*COMMIT\b/i.test(sql);

/**
 * Holds the next statement `which` picks before it is sent, until release(): how a check stops a
 * write just before it changes a row, or just before its COMMIT. Sequelize's beforeQuery hook
 * does not see the SQL yet, so the handle's query() is wrapped for as long as the hold is armed;
 * models and raw queries alike send every statement through it. `held` as in holdNextStatement.
 */
export function holdBeforeStatement(db: SequelizeLike, which: (sql: string) => boolean): Hold {
  type Query = (this: unknown, sql: unknown, options?: unknown) => Promise<unknown>;
  const handle = db as unknown as { query: Query };
  const ownProperty = Object.prototype.hasOwnProperty.call(handle, 'query');
  const original = handle.query;
  const hold = holdOnce(() => {
    if (ownProperty) handle.query = original;
    else delete (handle as { query?: Query }).query;
  });
  handle.query = async function (this: unknown, sql: unknown, options?: unknown) {
    // Sequelize takes the SQL as a string or as { query, values }.
    const text = typeof sql === 'string' ? sql : typeof sql === 'object' && sql !== null && typeof (sql as { query?: unknown }).query === 'string' ? (sql as { query: string }).query : '';
    if (hold.armed() && which(text)) await hold.wait();
    return original.call(this, sql, options);
  };
  return hold;
}

/** Resolves once the next statement sent through `db` has run (its rows not yet back to the app). */
export function nextStatementRun(db: SequelizeLike): { ran: Promise<void>; stop(): void } {
  const key = `workshop-seen-${++hookSerial}`;
  const hookable = db as unknown as Hookable;
  let seen!: () => void;
  const ran = new Promise<void>((resolve) => (seen = resolve));
  const stop = () => hookable.removeHook('afterQuery', key);
  hookable.addHook('afterQuery', key, () => {
    stop();
    seen();
  });
  return { ran, stop };
}

// ── The app under test and the oracle ──────────────────────────────────────────────────────

export interface World {
  /** The app under test, for a recording client (support/model.ts). */
  app: Parameters<typeof api>[0];
  http: Http;
  db: SequelizeLike;
  /** The pristine starter's app on the same database: what every read must answer. */
  oracle: Http;
  users: Record<string, Person>;
}

export interface Person {
  username: string;
  email: string;
  password: string;
  /** The token the app under test issued. */
  token: string;
  /** The token the starter's app issued (it may sign differently). */
  oracleToken: string;
}

let oracleApp: Promise<{ http: Http; dir: string; db?: SequelizeLike }> | undefined;

/** After each check file: the oracle's own connection goes too (afterAll). */
export async function closeOracle(): Promise<void> {
  const open = oracleApp;
  oracleApp = undefined;
  const db = await open?.then((o) => o.db).catch(() => undefined);
  await db?.close().catch(() => undefined);
}

/**
 * The pristine starter of this step, opened on the database of the check file (its own
 * Sequelize instance and models: another folder, other modules), so both apps read the same rows.
 * When the target is the starter itself, the oracle is the app under test.
 */
async function starterApp(): Promise<Http> {
  const pristine = starterDir(findStep('05-performance'));
  oracleApp ??= (async () => {
    const { test } = await fileDatabase(dir);
    if (pristine === dir) return { http: api((await loadApp(dir)).app), dir };
    const mod = await importDbModule(pristine);
    const db = await mod.openDatabase(test.config, { logging: false });
    const { createApp } = await importFromTarget<{ createApp(deps: unknown): never }>(pristine, 'src/app.ts');
    const { logger } = recordingLogger();
    const app = createApp({ config: { ...TEST_CONFIG, database: test.config }, logger, db, clock: () => new Date() });
    return { http: api(app), dir: pristine, db };
  })();
  return (await oracleApp).http;
}

/** A fresh app on an emptied database, with the oracle beside it and `names` registered on both. */
export async function freshWorld(names: string[] = ['ada', 'bob', 'cy']): Promise<World> {
  const loaded = await loadApp(dir);
  const http = api(loaded.app);
  const db = loaded.deps.db as SequelizeLike;
  const oracle = await starterApp();
  const users: Record<string, Person> = {};
  const suffix = Math.random().toString(36).slice(2, 7);
  await Promise.all(
    names.map(async (name) => {
      const person = { username: `${name}_${suffix}`, email: `${name}_${suffix}@example.com`, password: `Pw-${name}-${suffix}-Tr0ub4dor&3` };
      const res = await http.post('/api/users', { json: { user: person } });
      const token = (res.body as { user?: { token?: unknown } } | undefined)?.user?.token;
      if (res.status < 200 || res.status > 299 || typeof token !== 'string') {
        throw new BlockedFailure(`POST /api/users registers ${person.username} with a token (step 04)`, describeResponse(res), 'docs/04-security.md#registering', 'this check needs registration to work first');
      }
      const login = await oracle.post('/api/users/login', { json: { user: { email: person.email, password: person.password } } });
      const oracleToken = (login.body as { user?: { token?: unknown } } | undefined)?.user?.token;
      if (typeof oracleToken !== 'string') throw new Error(`the starter could not log in ${person.username}: ${describeResponse(login)}`);
      users[name] = { ...person, token, oracleToken };
    }),
  );
  return { app: loaded.app, http, db, oracle, users };
}

export const as = (who: Person | undefined) => (who ? { headers: { Authorization: `Token ${who.token}` } } : {});
const asOracle = (who: Person | undefined) => (who ? { headers: { Authorization: `Token ${who.oracleToken}` } } : {});

/** The request as a learner would type it. */
export const label = (path: string, who?: Person) => `GET ${path}${who ? ` (as ${who.username})` : ' (anonymous)'}`;

/**
 * Sends a GET to the app under test, counting its statements, and the same GET to the starter:
 * the status and the body must be the same.
 */
export async function sameAnswer(world: World, path: string, who?: Person, lessonAnchor = L.same): Promise<{ res: Response; statements: number }> {
  const { result: res, statements } = await countStatements(world.db, () => world.http.get(path, as(who)));
  const expected = await world.oracle.get(path, asOracle(who));
  ensure(res.status === expected.status && isDeepStrictEqual(res.body, expected.body), {
    expected: `${label(path, who)}: what the starter answers on the same data, ${describeResponse(expected)}`,
    got: describeResponse(res),
    hint: firstDifference(expected.body, res.body),
    lesson: lessonAnchor,
  });
  return { res, statements };
}

/** Where two JSON values first differ, as a path: "articles[3].author.following: expected true, got false". */
export function firstDifference(expected: unknown, got: unknown, at = ''): string | undefined {
  if (isDeepStrictEqual(expected, got)) return undefined;
  if (Array.isArray(expected) && Array.isArray(got)) {
    if (expected.length !== got.length) return `${at || 'the list'} has ${got.length} items where ${expected.length} were expected`;
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(expected[i], got[i], `${at}[${i}]`);
      if (d) return d;
    }
  }
  if (expected && got && typeof expected === 'object' && typeof got === 'object' && !Array.isArray(expected) && !Array.isArray(got)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(got)]);
    for (const key of keys) {
      const d = firstDifference((expected as Record<string, unknown>)[key], (got as Record<string, unknown>)[key], at ? `${at}.${key}` : key);
      if (d) return d;
    }
  }
  return `${at || 'the body'}: expected ${JSON.stringify(expected)?.slice(0, 120)}, got ${JSON.stringify(got)?.slice(0, 120)}`;
}

// ── Builders ───────────────────────────────────────────────────────────────────────────────

let articleSerial = 0;

/** Writes an article through the API; its slug. */
export async function writeArticle(world: World, author: Person, tagList: string[] = []): Promise<string> {
  articleSerial += 1;
  const res = await world.http.post('/api/articles', {
    ...as(author),
    json: { article: { title: `Measured ${articleSerial} ${Math.random().toString(36).slice(2, 6)}`, description: 'About speed', body: `Body ${articleSerial}`, tagList } },
  });
  const slug = (res.body as { article?: { slug?: unknown } } | undefined)?.article?.slug;
  if (res.status !== 201 && res.status !== 200) throw new BlockedFailure('POST /api/articles creates an article (step 02)', describeResponse(res), 'docs/02-api.md#creating-an-article', 'this check needs creating articles to work');
  return String(slug);
}

const TAG_POOL = ['speed', 'sql', 'cache', 'index', 'node', 'http', 'gzip', 'pool'];

/**
 * `n` articles, quickly: inserted with SQL into the contract's tables (articles, tags, article_tags),
 * `spacing` ms apart (0: all at the same instant, where only the id tells them apart).
 */
export async function insertArticles(world: World, authors: Person[], n: number, startAt = Date.UTC(2024, 0, 1), spacing = 1000): Promise<void> {
  const { db } = world;
  const mysql = db.getDialect() === 'mysql';
  const ids = await Promise.all(
    authors.map(async (a) => {
      const [rows] = (await db.query(`SELECT id FROM users WHERE username = ?`, { replacements: [a.username] })) as [{ id: number }[]];
      return Number(rows[0]?.id);
    }),
  );
  for (const name of TAG_POOL) {
    await db.query(mysql ? 'INSERT IGNORE INTO tags (name) VALUES (?)' : 'INSERT OR IGNORE INTO tags (name) VALUES (?)', { replacements: [name] });
  }
  const [tagRows] = (await db.query('SELECT id, name FROM tags')) as [{ id: number; name: string }[]];
  const tagIds = tagRows.filter((t) => TAG_POOL.includes(t.name)).map((t) => Number(t.id));
  const stamp = (ms: number) => {
    const iso = new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
    return mysql ? iso : `${iso} +00:00`;
  };
  const batch = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  for (let start = 0; start < n; start += 50) {
    const rows: unknown[] = [];
    const values: string[] = [];
    for (let i = start; i < Math.min(n, start + 50); i++) {
      const when = stamp(startAt + i * spacing);
      values.push('(?, ?, ?, ?, ?, ?, ?)');
      rows.push(`bulk-${batch}-${i}`, `Bulk ${i}`, 'Seeded', `Body ${i}`, ids[i % ids.length], when, when);
    }
    await db.query(`INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at) VALUES ${values.join(', ')}`, { replacements: rows });
  }
  const [articleRows] = (await db.query('SELECT id, slug FROM articles WHERE slug LIKE ?', { replacements: [`bulk-${batch}-%`] })) as [{ id: number }[]];
  const links: number[] = [];
  for (const [i, a] of articleRows.entries()) {
    const count = 1 + (i % 3);
    for (let k = 0; k < count; k++) links.push(Number(a.id), tagIds[(i + k * 3) % tagIds.length]);
  }
  for (let start = 0; start < links.length; start += 200) {
    const part = links.slice(start, start + 200);
    await db.query(`INSERT INTO article_tags (article_id, tag_id) VALUES ${Array.from({ length: part.length / 2 }, () => '(?, ?)').join(', ')}`, { replacements: part });
  }
}

/** The slugs of the newest `n` articles, through the API. */
export async function newestSlugs(world: World, n: number): Promise<string[]> {
  const res = await world.http.get(`/api/articles?limit=${n}`);
  return ((res.body as { articles?: { slug: string }[] } | undefined)?.articles ?? []).map((a) => a.slug);
}

export async function favorite(world: World, who: Person, slug: string): Promise<void> {
  const res = await world.http.post(`/api/articles/${encodeURIComponent(slug)}/favorite`, as(who));
  ensure(res.status === 200, { expected: `POST /api/articles/${slug}/favorite (as ${who.username}) answers 200 with the article`, got: describeResponse(res), lesson: L.same });
}

export async function follow(world: World, who: Person, whom: Person): Promise<void> {
  const res = await world.http.post(`/api/profiles/${encodeURIComponent(whom.username)}/follow`, as(who));
  ensure(res.status === 200, { expected: `POST /api/profiles/${whom.username}/follow (as ${who.username}) answers 200 with the profile`, got: describeResponse(res), lesson: L.same });
}
