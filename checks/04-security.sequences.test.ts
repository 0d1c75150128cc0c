/**
 * Step 04 · Security: a model-based check (see checks/02-api.sequences.test.ts for the method).
 * Seeded random sequences of registrations, logins, password changes and article writes by two
 * people, each sent with one of the tokens that person holds (an old one too), are compared with a
 * model that knows only what the lesson says: a token is good until its user's password changes;
 * only an article's author updates or deletes it.
 */
import fc from 'fast-check';
import { describe } from 'vitest';
import { describeResponse, ensure, loadApp, recording, sequenceRequirement, type RecordingHttp, type Response } from './support/index.js';
import { dir, guard, L, secrets } from './04-security.shared.js';

type Op =
  | { kind: 'register'; who: number }
  | { kind: 'login'; who: number }
  | { kind: 'password'; who: number; token: number }
  | { kind: 'create'; who: number; token: number }
  | { kind: 'update'; who: number; token: number; target: number }
  | { kind: 'delete'; who: number; token: number; target: number }
  | { kind: 'read'; target: number }
  | { kind: 'me'; who: number; token: number };

const NAMES = ['ada', 'bob'];

interface ModelUser {
  registered: boolean;
  password: string;
  /** Goes up with every password change: a token is good while its version is the user's. */
  version: number;
  tokens: { token: string; version: number }[];
}
interface Model {
  users: ModelUser[];
  articles: { slug: string; author: number; body: string }[];
  serial: number;
}
interface Sut {
  http: RecordingHttp;
}

const who = fc.integer({ min: 0, max: NAMES.length - 1 });
const pick = fc.nat({ max: 7 });
/** Which of the tokens a person holds: 0 the latest, 1 the one before, 2 the one before that. */
const age = fc.nat({ max: 2 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('register' as const), who }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('login' as const), who }) },
  // Changed with the latest token (an old one is refused like any other write).
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('password' as const), who, token: fc.constant(0) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), who, token: age }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('update' as const), who, token: age, target: pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), who, token: age, target: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('read' as const), target: pick }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('me' as const), who, token: age }) },
);

let runSerial = 0;
async function start(): Promise<Sut> {
  runSerial += 1;
  const { app } = await loadApp(dir);
  return { http: recording(app) };
}

const username = (i: number) => `seq_${NAMES[i]}`;
const email = (i: number) => `seq_${NAMES[i]}@example.com`;

function newPassword(model: Model, i: number): string {
  model.serial += 1;
  const password = `Seq-${NAMES[i]}-${runSerial}-${model.serial}-Tr0ub4dor&3`;
  secrets.add(password);
  return password;
}

/** The token op uses, whether the model says it is still good, and the headers to send. */
function tokenFor(model: Model, i: number, which: number) {
  const user = model.users[i];
  const at = user.tokens.length - 1 - Math.min(which, user.tokens.length - 1);
  const held = user.tokens[at];
  return {
    headers: held ? { Authorization: `Token ${held.token}` } : ({} as Record<string, string>),
    good: held !== undefined && held.version === user.version,
    what: held ? `${NAMES[i]}'s token #${at + 1} of ${user.tokens.length}${held.version === user.version ? '' : ' (issued before a password change)'}` : `no token (${NAMES[i]} holds none)`,
  };
}

function expectAnswer(res: Response, status: number, what: string, why: string): void {
  guard(res, what);
  ensure(res.status === status, { expected: `${what}: ${status} (${why})`, got: describeResponse(res), lesson: L.current });
}

const tokenOf = (res: Response): string => String((res.body as { user?: { token?: unknown } } | undefined)?.user?.token ?? '');

async function apply(op: Op, model: Model, { http }: Sut): Promise<void> {
  if (op.kind === 'read') {
    const article = model.articles.length ? model.articles[op.target % model.articles.length] : undefined;
    if (!article) return;
    const res = await http.get(`/api/articles/${article.slug}`);
    expectAnswer(res, 200, `GET /api/articles/${article.slug}`, 'the article exists');
    const got = (res.body as { article?: { body?: unknown; author?: { username?: unknown } } }).article;
    ensure(got?.body === article.body && got.author?.username === username(article.author), {
      expected: `GET /api/articles/${article.slug}: body ${JSON.stringify(article.body)} by ${username(article.author)}`,
      got: describeResponse(res),
      lesson: L.owner,
    });
    return;
  }
  const i = op.who;
  const user = model.users[i];
  const name = NAMES[i];
  // Whoever acts first registers first (the request is part of the sequence): most sequences are then about tokens and articles.
  if (op.kind !== 'register' && op.kind !== 'login' && !user.registered) await apply({ kind: 'register', who: i }, model, { http });
  if (op.kind === 'register') {
    const password = user.registered ? `${user.password}-again` : newPassword(model, i);
    const res = await http.post('/api/users', { json: { user: { username: username(i), email: email(i), password } } });
    if (user.registered) return expectAnswer(res, 422, `${name} registering a second time`, 'the username and email are taken');
    expectAnswer(res, 201, `${name} registering`, 'a new user');
    Object.assign(user, { registered: true, password });
    user.tokens.push({ token: tokenOf(res), version: user.version });
    return;
  }
  if (op.kind === 'login') {
    const res = await http.post('/api/users/login', { json: { user: { email: email(i), password: user.registered ? user.password : 'Not-registered-1' } } });
    if (!user.registered) return expectAnswer(res, 401, `${name} logging in before registering`, 'nobody has that email');
    expectAnswer(res, 200, `${name} logging in with the current password`, 'the right password');
    user.tokens.push({ token: tokenOf(res), version: user.version });
    return;
  }
  const { headers, good, what } = tokenFor(model, i, op.token);
  const refused = (res: Response, action: string) => expectAnswer(res, 401, `${action} with ${what}`, 'that token is no longer good');
  if (op.kind === 'me') {
    const res = await http.get('/api/user', { headers });
    if (!good) return refused(res, `${name} reading GET /api/user`);
    expectAnswer(res, 200, `${name} reading GET /api/user with ${what}`, 'a good token');
    ensure((res.body as { user?: { username?: unknown } }).user?.username === username(i), { expected: `GET /api/user answers ${username(i)}`, got: describeResponse(res), lesson: L.current });
    return;
  }
  if (op.kind === 'password') {
    const password = newPassword(model, i);
    const res = await http.put('/api/user', { json: { user: { password } }, headers });
    if (!good) return refused(res, `${name} changing the password`);
    expectAnswer(res, 200, `${name} changing the password with ${what}`, 'a good token');
    user.version += 1;
    user.password = password;
    user.tokens.push({ token: tokenOf(res), version: user.version });
    return;
  }
  if (op.kind === 'create') {
    model.serial += 1;
    const title = `Seq ${model.serial}`;
    const res = await http.post('/api/articles', { json: { article: { title, description: 'd', body: `Body ${model.serial}` } }, headers });
    if (!good) return refused(res, `${name} creating "${title}"`);
    expectAnswer(res, 201, `${name} creating "${title}" with ${what}`, 'a good token');
    const slug = String((res.body as { article?: { slug?: unknown } }).article?.slug);
    model.articles.push({ slug, author: i, body: `Body ${model.serial}` });
    return;
  }
  const index = model.articles.length ? op.target % model.articles.length : -1;
  const article = index >= 0 ? model.articles[index] : undefined;
  const slug = article?.slug ?? 'no-such-article';
  const mine = article?.author === i;
  if (op.kind === 'update') {
    model.serial += 1;
    const body = `Body ${model.serial}`;
    const res = await http.put(`/api/articles/${slug}`, { json: { article: { body } }, headers });
    const action = `${name} updating ${slug}${article ? ` (${username(article.author)}'s)` : ''}`;
    if (!good) return refused(res, action);
    if (!article) return expectAnswer(res, 404, `${action} with ${what}`, 'no such article');
    if (!mine) return expectAnswer(res, 403, `${action} with ${what}`, 'only the author may update it');
    expectAnswer(res, 200, `${action} with ${what}`, 'the author, with a good token');
    article.body = body;
    return;
  }
  const res = await http.delete(`/api/articles/${slug}`, { headers });
  const action = `${name} deleting ${slug}${article ? ` (${username(article.author)}'s)` : ''}`;
  if (!good) return refused(res, action);
  if (!article) return expectAnswer(res, 404, `${action} with ${what}`, 'no such article');
  if (!mine) return expectAnswer(res, 403, `${action} with ${what}`, 'only the author (or an admin) may delete it');
  expectAnswer(res, 204, `${action} with ${what}`, 'the author, with a good token');
  model.articles.splice(index, 1);
}

async function finish(model: Model, { http }: Sut): Promise<void> {
  const res = await http.get('/api/articles?limit=100');
  guard(res, 'GET /api/articles');
  const listed = ((res.body as { articles?: { slug?: unknown; body?: unknown }[] }).articles ?? []).map((a) => String(a.slug)).sort();
  const expected = model.articles.map((a) => a.slug).sort();
  ensure(JSON.stringify(listed) === JSON.stringify(expected), {
    expected: `GET /api/articles lists exactly the articles the sequence left: ${JSON.stringify(expected)}`,
    got: describeResponse(res),
    hint: 'a refused update or delete (401, 403) must change nothing',
    lesson: L.owner,
  });
}

describe('sequences', () => {
  sequenceRequirement(
    'any sequence of registrations, logins, password changes and article writes by two people: tokens end with a password change, and only the author changes an article',
    { lesson: L.owner, covers: ['password-change-ends-tokens', 'owner-403', 'author-from-token'] },
    {
      op: opArb,
      maxOps: 14,
      runs: 20,
      start,
      model: () => ({ users: NAMES.map(() => ({ registered: false, password: '', version: 0, tokens: [] })), articles: [], serial: 0 }),
      apply,
      finally: finish,
    },
  );
});
