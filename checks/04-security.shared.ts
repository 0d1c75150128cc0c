/**
 * What the step-04 check files share: the lesson links, the leak guard that inspects every answer,
 * and the builders (people, registrations, logins, articles, comments, forged tokens). Not a check
 * file itself (the runner runs `04-security*.test.ts` only).
 */
import bcrypt from 'bcrypt';
import { freePort } from '../runner/lib/processes.js';
import jwt from 'jsonwebtoken';
import { describe } from 'vitest';
import {
  api,
  countRows,
  describeResponse,
  ensure,
  expectErrorEnvelope,
  expectStartupRefusal,
  expectJson,
  expectStatus,
  fail,
  fileDatabase,
  lessonLink,
  loadApp,
  requirement,
  serverDatabase,
  tableNames,
  targetDir,
  TEST_CONFIG,
  type Response,
  type SendOptions,
} from './support/index.js';

export const dir = targetDir('04-security');
export const lesson = lessonLink('04-security');

export const L = {
  register: lesson('registering'),
  login: lesson('logging-in'),
  current: lesson('the-current-user'),
  storing: lesson('storing-passwords'),
  issuing: lesson('issuing-tokens'),
  checking: lesson('checking-tokens'),
  writes: lesson('requiring-a-token'),
  owner: lesson('only-the-author'),
  admins: lesson('admins'),
  throttle: lesson('throttling-logins'),
  headers: lesson('security-headers'),
  sql: lesson('sql-injection'),
  leak: lesson('never-leak-a-password'),
  secret: lesson('a-strong-jwt-secret'),
};

export const SECRET = String(TEST_CONFIG.jwtSecret);

// ── The leak guard ─────────────────────────────────────────────────────────────────────────

/** Every password a check has sent for a user: no answer may ever contain one. */
export const secrets = new Set<string>();
export const BCRYPT_IN_TEXT = /\$2[aby]\$\d\d\$/;
export const PASSWORD_KEY = /^(?:password|password_?hash)$/i;
export const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/** Where in a JSON value a password field, a password or a hash sits; undefined when nowhere. */
export function findLeak(value: unknown, at: string): string | undefined {
  if (typeof value === 'string') {
    for (const secret of secrets) if (value.includes(secret)) return `the password a check sent, at ${at}`;
    if (BCRYPT_IN_TEXT.test(value)) return `a bcrypt hash (${value.slice(0, 12)}…) at ${at}`;
    if (JWT_SHAPE.test(value)) {
      // A token's payload is only base64url: anyone holding the token can read it.
      const payload = jwt.decode(value);
      if (payload && typeof payload === 'object') return findLeak(payload, `${at} (inside the token's payload)`);
    }
    return undefined;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findLeak(item, `${at}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      // In the error envelope a "password" key names the field that was wrong: that is fine.
      const inErrors = at === 'body' && key === 'errors';
      if (!inErrors && PASSWORD_KEY.test(key)) return `a "${key}" field at ${at}.${key}`;
      const found = inErrors ? findLeakInText(JSON.stringify(item), `${at}.errors`) : findLeak(item, `${at}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

export function findLeakInText(text: string, at: string): string | undefined {
  for (const secret of secrets) if (text.includes(secret)) return `the password a check sent, in ${at}`;
  if (BCRYPT_IN_TEXT.test(text)) return `a bcrypt hash (${text.match(/\$2[aby]\$\d\d\$.{0,6}/)?.[0]}…) in ${at}`;
  return undefined;
}

/** Fails the running check if the answer leaks a password, a hash or a password field. */
export function guard(res: Response, label: string): Response {
  const headers = Object.entries(res.headers)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join('\n');
  const leak =
    findLeakInText(headers, 'the headers') ??
    (res.body !== undefined && res.body !== null && typeof res.body === 'object' && Object.keys(res.body as object).length > 0
      ? findLeak(res.body, 'body')
      : findLeakInText(res.text ?? '', 'the body'));
  if (leak) {
    fail({
      expected: `${label} answers without any password, password hash or password field (the checks inspect every answer)`,
      got: `${leak}: ${describeResponse(res)}`,
      hint: 'build every JSON answer field by field (a user is {email, token, username, bio, image}); never send a database row or spread one into a response',
      lesson: L.leak,
    });
  }
  return res;
}

export type Http = ReturnType<typeof guarded>;

/** `api(app)` with the guard on every answer. */
export function guarded(app: Parameters<typeof api>[0]) {
  const http = api(app);
  const wrap =
    (method: 'get' | 'post' | 'put' | 'delete') =>
    async (path: string, options?: SendOptions): Promise<Response> =>
      guard(await http[method](path, options), `${method.toUpperCase()} ${path}`);
  return { get: wrap('get'), post: wrap('post'), put: wrap('put'), delete: wrap('delete') };
}

/** A fresh app on the file's database, emptied: each check starts with no users at all. */
export async function freshApp(overrides: Parameters<typeof loadApp>[1] = {}): Promise<Http> {
  const { app } = await loadApp(dir, overrides);
  return guarded(app);
}

// ── Builders ───────────────────────────────────────────────────────────────────────────────

export interface Person {
  username: string;
  email: string;
  password: string;
}

let serial = 0;
/** A new person with a unique username, email and a password the guard watches for. */
export function person(name: string, password?: string): Person {
  serial += 1;
  const who = { username: `${name}_${serial}`, email: `${name}_${serial}@example.com`, password: password ?? `Pw-${name}-${serial}-Tr0ub4dor&3` };
  secrets.add(who.password);
  return who;
}

export const tokenAuth = (token: string) => ({ Authorization: `Token ${token}` });

export interface UserJson {
  email?: unknown;
  token?: unknown;
  username?: unknown;
  bio?: unknown;
  image?: unknown;
}
export const userOf = (res: Response): UserJson | undefined => (res.body as { user?: UserJson } | undefined)?.user;

/** The Conduit user: all five keys, whatever the route (register, login, GET and PUT /api/user). */
export function expectConduitUser(res: Response, what: string, lessonUrl: string): void {
  const user = userOf(res);
  const problems: string[] = [];
  if (!user || typeof user !== 'object') problems.push('no "user" object');
  else {
    for (const key of ['email', 'token', 'username'] as const) if (typeof user[key] !== 'string' || user[key] === '') problems.push(`${key} should be a non-empty string, got ${JSON.stringify(user[key])}`);
    for (const key of ['bio', 'image'] as const) if (!(key in user) || (user[key] !== null && typeof user[key] !== 'string')) problems.push(`${key} should be present, null or a string, got ${key in user ? JSON.stringify(user[key]) : 'no such key'}`);
  }
  ensure(problems.length === 0, {
    expected: `${what} answers the Conduit user, all five keys present: {"user": {email, token, username, bio, image}} (bio and image may be null)`,
    got: `${problems.join('; ')}: ${describeResponse(res)}`,
    hint: 'build the user JSON in one function, field by field, and use it in every handler that answers a user',
    lesson: lessonUrl,
  });
}

/** Registers through the API and returns the token. Any 2xx with a token will do here. */
export async function register(http: Http, who: Person, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await http.post('/api/users', { json: { user: { ...who, ...extra } } });
  const token = userOf(res)?.token;
  if (res.status < 200 || res.status > 299 || typeof token !== 'string' || token === '') {
    fail({
      expected: `POST /api/users {"user": {"username": "${who.username}", "email": "${who.email}", "password": …}} to register (201 with {"user": {"token": …}}): this check builds on it`,
      got: describeResponse(res),
      hint: 'this check needs registration to work first',
      lesson: L.register,
    });
  }
  return token;
}

/** Logs in through the API and returns the token. */
export async function login(http: Http, who: Person): Promise<string> {
  const res = await http.post('/api/users/login', { json: { user: { email: who.email, password: who.password } } });
  const token = userOf(res)?.token;
  if (res.status !== 200 || typeof token !== 'string' || token === '') {
    fail({
      expected: `POST /api/users/login as ${who.email} with the right password to answer 200 with {"user": {"token": …}}: this check builds on it`,
      got: describeResponse(res),
      hint: 'this check needs logging in to work first',
      lesson: L.login,
    });
  }
  return token;
}

let articleSerial = 0;
/** Creates an article as the token's user and returns its slug. */
export async function createArticle(http: Http, token: string, fields: Record<string, unknown> = {}): Promise<string> {
  articleSerial += 1;
  const sent = { title: `Field notes ${articleSerial}`, description: 'On rivers', body: 'Rivers run to the sea.', ...fields };
  const res = await http.post('/api/articles', { json: { article: sent }, headers: tokenAuth(token) });
  const slug = (res.body as { article?: { slug?: unknown } } | undefined)?.article?.slug;
  if (res.status < 200 || res.status > 299 || typeof slug !== 'string' || slug === '') {
    fail({
      expected: `POST /api/articles with a valid token to create an article (201 with {"article": {"slug": …}}): this check builds on it`,
      got: describeResponse(res),
      hint: 'put requireAuth on POST /api/articles and take the author from req.user',
      lesson: L.writes,
    });
  }
  return slug;
}

/** Comments on an article as the token's user and returns the comment's id. */
export async function addComment(http: Http, token: string, slug: string): Promise<number> {
  const res = await http.post(`/api/articles/${slug}/comments`, { json: { comment: { body: 'Well put.' } }, headers: tokenAuth(token) });
  const id = (res.body as { comment?: { id?: unknown } } | undefined)?.comment?.id;
  if (res.status < 200 || res.status > 299 || typeof id !== 'number') {
    fail({
      expected: `POST /api/articles/${slug}/comments with a valid token to add a comment (201 with {"comment": {"id": …}}): this check builds on it`,
      got: describeResponse(res),
      lesson: L.writes,
    });
  }
  return id;
}

/** A 401 in the Conduit envelope. */
export function expect401(res: Response, what: string, lessonUrl: string, hint?: string): void {
  if (res.status !== 401) {
    fail({ expected: `${what}: 401 Unauthorized`, got: describeResponse(res), hint, lesson: lessonUrl });
  }
  expectErrorEnvelope(res, lessonUrl);
}

/** A 403 in the Conduit envelope. */
export function expect403(res: Response, what: string, lessonUrl: string, hint?: string): void {
  if (res.status !== 403) {
    fail({ expected: `${what}: 403 Forbidden`, got: describeResponse(res), hint, lesson: lessonUrl });
  }
  expectErrorEnvelope(res, lessonUrl);
}

/** A 422 whose envelope names `key`. */
export function expect422For(res: Response, key: string, what: string, lessonUrl: string): void {
  expectStatus(res, 422, lessonUrl, `${what}: answer 422 Unprocessable Entity`);
  const errors = expectErrorEnvelope(res, lessonUrl);
  ensure(key in errors, {
    expected: `${what}: the errors name the field, {"errors": {"${key}": ["…"]}}`,
    got: JSON.stringify({ errors }),
    lesson: lessonUrl,
  });
}

// ── The database, where the database is the point ──────────────────────────────────────────

/** The users row of `username`, every column, read through the file's own database. */
export async function userRow(username: string): Promise<Record<string, unknown>> {
  const { db } = await fileDatabase(dir);
  const [rows] = (await db.query('SELECT * FROM users WHERE username = ?', { replacements: [username] })) as [Record<string, unknown>[]];
  const row = rows[0];
  if (!row) {
    fail({ expected: `a row in the users table with username "${username}" after registering`, got: 'no such row', lesson: L.storing });
  }
  return row;
}

/** Makes `username` an admin the way the lesson's script does: the users table's `role` column. */
export async function makeAdmin(username: string): Promise<void> {
  const { db } = await fileDatabase(dir);
  try {
    await db.query('UPDATE users SET role = ? WHERE username = ?', { replacements: ['admin', username] });
  } catch (err) {
    fail({
      expected: "a role column in the users table: the checks make an admin with UPDATE users SET role = 'admin'",
      got: (err as Error).message.split('\n')[0],
      hint: "add it in a migration: role, a string, 'user' by default",
      lesson: L.admins,
    });
  }
}

export const BCRYPT_HASH = /^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$/;
export const shortValue = (v: unknown) => (typeof v === 'string' && v.length > 40 ? `${JSON.stringify(v.slice(0, 40))}…` : JSON.stringify(v));
export const showRow = (row: Record<string, unknown>) => `{${Object.entries(row).map(([k, v]) => `${k}: ${shortValue(v)}`).join(', ')}}`;

// ── Tokens the checks make themselves ──────────────────────────────────────────────────────

export const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The claims of a token the app issued, as an object. */
export function claimsOf(token: string, lessonUrl: string): Record<string, unknown> {
  const payload = jwt.decode(token);
  if (!payload || typeof payload !== 'object') {
    fail({
      expected: 'the token is a JWT whose payload is a JSON object (header.payload.signature)',
      got: `${token.slice(0, 60)}…`,
      hint: "jwt.sign({}, config.jwtSecret, { algorithm: 'HS256', subject: String(user.id), expiresIn: config.jwtExpiresIn })",
      lesson: lessonUrl,
    });
  }
  return { ...payload };
}

/** The same claims signed again with config.jwtSecret and a later expiry: the app must accept it. */
export async function expectResignedAccepted(http: Http, claims: Record<string, unknown>, lessonUrl: string): Promise<void> {
  const resigned = jwt.sign({ ...claims, iat: nowSeconds() - 60, exp: nowSeconds() + 600 }, SECRET, { algorithm: 'HS256' });
  const res = await http.get('/api/user', { headers: tokenAuth(resigned) });
  ensure(res.status === 200, {
    expected: "GET /api/user accepts your token's own claims signed again with config.jwtSecret (HS256) and a later exp: the checks forge tokens that way to test the refusals",
    got: describeResponse(res),
    hint: 'sign and verify with config.jwtSecret (deps.config), the secret the checks give createApp, with HS256',
    lesson: lessonUrl,
  });
}


/** Sets the `role` column of `username`, the way the lesson's script does ('admin' or 'user'). */
export async function setRole(username: string, role: 'admin' | 'user'): Promise<void> {
  if (role === 'admin') return makeAdmin(username);
  const { db } = await fileDatabase(dir);
  await db.query('UPDATE users SET role = ? WHERE username = ?', { replacements: [role, username] });
}

/** Starts src/server.ts with this environment and expects it to stop at start-up because of JWT_SECRET. */
export async function expectRefusedSecret(env: Record<string, string | undefined>, situation: string, target = dir): Promise<void> {
  const db = await serverDatabase(dir, { migrate: false });
  try {
    await expectStartupRefusal(target, {
      // A real free port: a server that starts anyway is seen listening on it.
      env: { ...db.env, NODE_ENV: 'production', PORT: String(await freePort()), LOG_LEVEL: 'info', ...env },
      situation,
      mentions: /JWT_SECRET/,
      variable: 'JWT_SECRET',
      lesson: L.secret,
      hints: {
        running: 'in loadConfig: outside development, JWT_SECRET must be set and at least 32 characters; throw a ConfigError otherwise',
        stack: 'report the problem through ConfigError: server.ts prints its message and exits 1',
      },
    });
  } finally {
    await db.drop();
  }
}

