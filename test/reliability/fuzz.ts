/**
 * A seeded fuzz of every endpoint with hostile values: wrong types, empty and over-long text,
 * emoji and combining marks, lone surrogates (JSON escapes a string cannot avoid), NUL, huge
 * numbers (as raw JSON literals), deep JSON, bad JSON, bodies that are not UTF-8, wrong content
 * types, forged and broken tokens, hostile slugs and ids in the path, huge query strings, junk
 * If-None-Match and Accept-Encoding headers. With step 05's social layer: profiles under hostile
 * usernames (NUL, %00, very long, spaces at the ends, Unicode, other cases), follows, favorites,
 * the feed and ?favorited= with bad limits, offsets and arrays; every answer a 2xx or a 4xx in the
 * Conduit error envelope (a 304 only to an If-None-Match), and every 200 agreeing with the model.
 *
 * fast-check draws the list of abstract requests from the seed (fc.sample: no shrinking, one
 * fixed list per seed); each is made concrete against the model at send time (which article,
 * whose token), and sent in order, so the same seed sends the same requests against the same
 * code. Success statuses update the model the integrity pass checks the tables against.
 */
import fc from 'fast-check';
import jwt from 'jsonwebtoken';
import type { Client, Request, Sent } from './client.js';
import type { Model, UserModel } from './model.js';
import { JWT_SECRET } from './target.js';

// ── Values ───────────────────────────────────────────────────────────────────────────────────

const HOSTILE_TEXT = [
  '', ' ', '\t\n ', 'a', '🐉', '🐉🐉🐉', '👩‍👩‍👧‍👦', 'e\u0301', 'Ünïcödé Tïtlé', '日本語のタイトル', '\u202Egnp.exe', '\u200B', '\uFEFF', '\uFFFF', '\u{10FFFF}',
  '\ud800', '\udc00', 'a\ud83d', '\udc09b', 'x\u0000y', '\u0000', '\u0001\u001f\u007f', "' OR '1'='1", '"; DROP TABLE users; --', '%', '_', '%_%', '\\', '../../etc/passwd',
  '<script>alert(1)</script>', '${7*7}', '{{7*7}}', 'null', 'undefined', 'NaN', '-0', '1e309', ' padded ', 'Tea', 'tea', 'tea ', 'TEA',
];
const LONG_LENGTHS = [64, 65, 72, 73, 255, 256, 1000, 1001, 1024, 1025, 2048, 2049, 5000, 5001, 50_000, 50_001];

const hostileString = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 3 }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('a', '🐉', 'é', ' ', 'x\u0000'), fc.constantFrom(...LONG_LENGTHS)).map(([c, n]) => c.repeat(n)) },
);

const hostileNonString = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, [], {}, ['a'], { a: 1 }, [null], [[['x']]]),
  fc.array(hostileString, { maxLength: 12 }),
  fc.integer(),
  fc.double(),
);

/** JSON text no JSON.stringify writes: numbers too large or too precise for a double. */
const rawLiteral = fc.constantFrom('1' + '0'.repeat(400), '-1e999', '1e-999', '123456789012345678901234567890', '0.1e1', '-0', '9007199254740993', '"\\ud800"', '"\\u0000"');

/** One field of a body: a valid fresh value, a hostile one, a raw JSON literal, or left out. */
type Field = { kind: 'valid' } | { kind: 'omit' } | { kind: 'value'; value: unknown } | { kind: 'raw'; raw: string };

const field: fc.Arbitrary<Field> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Field>({ kind: 'valid' }) },
  { weight: 4, arbitrary: hostileString.map<Field>((value) => ({ kind: 'value', value })) },
  { weight: 2, arbitrary: hostileNonString.map<Field>((value) => ({ kind: 'value', value })) },
  { weight: 1, arbitrary: rawLiteral.map<Field>((raw) => ({ kind: 'raw', raw })) },
  { weight: 1, arbitrary: fc.constant<Field>({ kind: 'omit' }) },
);

/** How the body travels. */
const TRANSPORTS = ['json', 'json', 'json', 'json', 'json', 'json', 'json', 'text/plain', 'form', 'latin1', 'no-type', 'broken', 'not-utf8', 'huge', 'deep', 'empty', 'gzip', 'top-array', 'top-string', 'wrapper-not-object', 'proto'] as const;
type Transport = (typeof TRANSPORTS)[number];

/** Which Authorization header comes along. */
const TOKENS = ['own', 'own', 'own', 'own', 'own', 'none', 'empty', 'garbage', 'bearer', 'basic', 'alg-none', 'wrong-secret', 'bad-sub', 'no-exp', 'expired', 'unknown-user', 'huge', 'two-tokens'] as const;
type TokenKind = (typeof TOKENS)[number];
/** Tokens that must never get a 2xx where a user is required. */
const FORGED = new Set<TokenKind>(['empty', 'garbage', 'basic', 'alg-none', 'wrong-secret', 'bad-sub', 'no-exp', 'expired', 'unknown-user', 'huge', 'two-tokens', 'none']);

const SLUGS = ['existing', 'existing', 'existing', 'own', 'own', 'missing', 'hostile', 'bad-percent', 'nul', 'long', 'dots', 'emoji', 'space', 'trailing-space', 'upper'] as const;
type SlugKind = (typeof SLUGS)[number];

const IDS = ['existing', 'existing', 'existing', 'abc', '-1', '1.5', '0', 'huge', '1e3', 'space', 'nul', 'hex', 'other-article'] as const;
type IdKind = (typeof IDS)[number];

const BASE_ENDPOINTS = [
  ['register', 6],
  ['login', 5],
  ['current', 2],
  ['update-user', 3],
  ['list', 5],
  ['create-article', 8],
  ['get-article', 3],
  ['update-article', 5],
  ['delete-article', 1],
  ['list-comments', 2],
  ['add-comment', 5],
  ['delete-comment', 2],
  ['tags', 1],
  ['health', 1],
  ['unknown', 1],
  ['wrong-method', 1],
] as const;
/** Step 05's social routes: drawn only when the target has them. */
const SOCIAL_ENDPOINTS = [
  ['profile', 4],
  ['follow', 3],
  ['unfollow', 2],
  ['favorite', 4],
  ['unfavorite', 2],
  ['feed', 3],
] as const;
type Endpoint = (typeof BASE_ENDPOINTS)[number][0] | (typeof SOCIAL_ENDPOINTS)[number][0];
export const ENDPOINT_NAMES = { base: BASE_ENDPOINTS.map(([e]) => e), social: SOCIAL_ENDPOINTS.map(([e]) => e) };

/** Which :username a profile route gets. */
const USERNAMES = ['existing', 'existing', 'existing', 'existing', 'self', 'upper', 'mixed', 'lead-space', 'trail-space', 'nul', 'percent-00', 'long', 'very-long', 'unicode', 'combining', 'hostile', 'bad-percent', 'missing', 'slash', 'dots'] as const;
type UsernameKind = (typeof USERNAMES)[number];

/** If-None-Match: none, junk, or an ETag the suite saw (for this path or another). */
const CONDITIONALS = ['none', 'none', 'none', 'none', 'none', 'junk', 'star', 'weak-junk', 'list', 'huge', 'empty', 'unquoted', 'same-path', 'other-path', 'nul'] as const;
type ConditionalKind = (typeof CONDITIONALS)[number];
const CONDITIONAL_VALUES: Partial<Record<ConditionalKind, string>> = {
  junk: 'not-an-etag',
  star: '*',
  'weak-junk': 'W/"xyz"',
  list: '"a", W/"b", , "c"',
  huge: `"${'e'.repeat(7000)}"`,
  empty: '',
  unquoted: 'W/abc-123',
  nul: '"a\tb"',
};
/** Accept-Encoding: none, a real one, or junk. */
const ENCODINGS = ['none', 'none', 'none', 'gzip', 'br', 'deflate', 'identity;q=0', '*;q=0', 'gzip;q=abc', 'GZIP, DeFlAtE', 'zstd', ',,;;,', 'gzip;q=0, identity;q=0', 'x-junk'.repeat(500), '*'] as const;

export interface Spec {
  endpoint: Endpoint;
  token: TokenKind;
  transport: Transport;
  fields: Record<string, Field>;
  tags: Field[] | Field;
  slug: SlugKind;
  id: IdKind;
  hostileSlug: string;
  query: [string, string][];
  hugeQuery: boolean;
  pick: number;
  /** A wrong password, or the right one. */
  rightPassword: boolean;
  username: UsernameKind;
  ifNoneMatch: ConditionalKind;
  acceptEncoding: string;
}

const specArb = (social: boolean): fc.Arbitrary<Spec> => fc.record({
  endpoint: fc.oneof(...[...BASE_ENDPOINTS, ...(social ? SOCIAL_ENDPOINTS : [])].map(([name, weight]) => ({ weight, arbitrary: fc.constant(name as Endpoint) }))),
  token: fc.constantFrom(...TOKENS),
  transport: fc.constantFrom(...TRANSPORTS),
  fields: fc.record({ a: field, b: field, c: field, d: field, e: field }),
  tags: fc.oneof({ weight: 3, arbitrary: fc.array(field, { maxLength: 12 }) }, { weight: 1, arbitrary: field }),
  slug: fc.constantFrom(...SLUGS),
  id: fc.constantFrom(...IDS),
  hostileSlug: hostileString,
  query: fc.array(
    fc.tuple(
      fc.constantFrom('tag', 'author', 'limit', 'offset', 'tag[]', 'limit[0]', 'offset[a]', 'favorited', 'favorited', 'favorited[]', 'limit[]', '__proto__', ''),
      fc.oneof(
        hostileString,
        fc.constantFrom('1', '0', '20', '100', '101', '-1', '1e3', '2.5', '9007199254740993', 'abc', '0x10', ' 1', '-99999999999999999999', '99999999999999999999', '1e309', '@user', '@user', '@user-upper'),
      ),
    ),
    { maxLength: 5 },
  ),
  hugeQuery: fc.constant(false),
  pick: fc.nat(),
  rightPassword: fc.boolean(),
  username: fc.constantFrom(...USERNAMES),
  ifNoneMatch: fc.constantFrom(...CONDITIONALS),
  acceptEncoding: fc.constantFrom<string>(...ENCODINGS),
});

/** The list of abstract requests for a seed: the same seed, the same list. */
export function drawSpecs(seed: number, runs: number, { social = false } = {}): Spec[] {
  // hugeQuery is drawn from the seed too: about one list request in ten.
  // Four requests in ten are focused: a valid request (JSON, the user's own token) with one hostile
  // field, so hostile values that pass validation reach the database too, and must come back intact.
  const arb = fc.tuple(specArb(social), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }), fc.constantFrom('a', 'b', 'c', 'd', 'e')).map(([spec, d, f, keep]) => {
    const drawn: Spec = { ...spec, hugeQuery: d === 0 };
    if (f >= 4) return drawn;
    const fields = Object.fromEntries(Object.entries(spec.fields).map(([k, v]) => [k, k === keep ? v : { kind: 'valid' } as Field]));
    return { ...drawn, fields, transport: 'json' as Transport, token: 'own' as TokenKind, slug: spec.slug === 'hostile' ? spec.slug : ('own' as SlugKind), id: 'existing' as IdKind };
  });
  return fc.sample(arb, { seed, numRuns: runs });
}

// ── Making a spec concrete ──────────────────────────────────────────────────────────────────

/** encodeURIComponent, but lone surrogates go out as the (invalid) UTF-8 bytes of their code unit. */
export function encodeAny(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const isHigh = code >= 0xd800 && code <= 0xdbff;
    const next = text.charCodeAt(i + 1);
    if (isHigh && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text[i] + text[i + 1]);
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 63)).toString(16)}%${(0x80 | (code & 63)).toString(16)}`.toUpperCase();
    } else {
      out += encodeURIComponent(text[i]);
    }
  }
  return out;
}

export interface FuzzContext {
  client: Client;
  model: Model;
  seed: number;
  /** The request's own loopback address (the limits count per address). */
  address(n: number): string;
  /** Stop sending at this time (Date.now()); the run then reports that it was cut short. */
  deadline?: number;
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

function tokenFor(kind: TokenKind, user: UserModel | undefined, model: Model): { header?: string; user?: UserModel } {
  const now = Math.floor(Date.now() / 1000);
  switch (kind) {
    case 'own':
      return user ? { header: `Token ${user.token}`, user } : {};
    case 'bearer':
      return user ? { header: `Bearer ${user.token}`, user } : {};
    case 'none':
      return {};
    case 'empty':
      return { header: 'Token ' };
    case 'garbage':
      return { header: 'Token not.a.jwt' };
    case 'basic':
      return { header: 'Basic YWRhOnNlY3JldA==' };
    case 'alg-none':
      return { header: `Token ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: '1', ver: 0, exp: now + 3600 })}.` };
    case 'wrong-secret':
      return { header: `Token ${jwt.sign({ ver: 0 }, 'another-secret-of-at-least-thirty-two-chars!!', { subject: '1', expiresIn: '1h' })}` };
    case 'bad-sub':
      return { header: `Token ${jwt.sign({ ver: 0, sub: "1 OR 1=1" }, JWT_SECRET, { expiresIn: '1h' })}` };
    case 'no-exp':
      return { header: `Token ${jwt.sign({ ver: 0 }, JWT_SECRET, { subject: '1' })}` };
    case 'expired':
      return { header: `Token ${jwt.sign({ ver: 0, exp: now - 60 }, JWT_SECRET, { subject: '1' })}` };
    case 'unknown-user':
      return { header: `Token ${jwt.sign({ ver: 0 }, JWT_SECRET, { subject: String(9_000_000 + model.users.length), expiresIn: '1h' })}` };
    case 'huge':
      return { header: `Token ${'a'.repeat(6000)}.${'b'.repeat(6000)}.c` };
    case 'two-tokens':
      return user ? { header: `Token ${user.token} Token ${user.token}` } : { header: 'Token a b' };
  }
}

/** The body's object, with raw literals spliced into the JSON text. */
function build(shape: Record<string, Field | Field[] | undefined>, valid: Record<string, () => unknown>, wrapper: string): { text: string; sent: Record<string, unknown> } {
  const raws: string[] = [];
  const sent: Record<string, unknown> = {};
  const one = (name: string, f: Field): unknown => {
    if (f.kind === 'valid') return valid[name]?.();
    if (f.kind === 'value') return f.value;
    if (f.kind === 'raw') {
      raws.push(f.raw);
      return `__RAW_${raws.length - 1}__`;
    }
    return undefined;
  };
  for (const [name, f] of Object.entries(shape)) {
    if (f === undefined) continue;
    if (Array.isArray(f)) sent[name] = f.map((x, i) => (x.kind === 'omit' ? 'fine' : one(`${name}.${i}`, x)));
    else if (f.kind !== 'omit') sent[name] = one(name, f);
  }
  let text = JSON.stringify({ [wrapper]: sent });
  raws.forEach((raw, i) => (text = text.replace(`"__RAW_${i}__"`, raw)));
  return { text, sent };
}

/** Puts the JSON text on the wire the way the spec's transport says. */
function transport(kind: Transport, text: string, wrapper: string): Pick<Request, 'body' | 'headers'> {
  const json = { 'content-type': 'application/json' };
  switch (kind) {
    case 'json':
      return { body: text, headers: json };
    case 'text/plain':
      return { body: text, headers: { 'content-type': 'text/plain' } };
    case 'form':
      return { body: `${wrapper}[title]=x&${wrapper}[email]=a%40b.c`, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    case 'latin1':
      return { body: text, headers: { 'content-type': 'application/json; charset=latin1' } };
    case 'no-type':
      return { body: text, headers: {} };
    case 'broken':
      return { body: text.slice(0, Math.max(1, Math.floor(text.length / 2))), headers: json };
    case 'not-utf8':
      return { body: Buffer.concat([Buffer.from(text.slice(0, -2)), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from('"}}')]), headers: json };
    case 'huge':
      return { body: JSON.stringify({ [wrapper]: { title: 'x'.repeat(150_000) } }), headers: json };
    case 'deep':
      return { body: `{"${wrapper}":${'['.repeat(20_000)}${']'.repeat(20_000)}}`, headers: json };
    case 'empty':
      return { body: '', headers: json };
    case 'gzip':
      return { body: text, headers: { ...json, 'content-encoding': 'gzip' } };
    case 'top-array':
      return { body: `[${text}]`, headers: json };
    case 'top-string':
      return { body: JSON.stringify(text), headers: json };
    case 'wrapper-not-object':
      return { body: JSON.stringify({ [wrapper]: [JSON.parse(text)[wrapper]] }), headers: json };
    case 'proto':
      return { body: `{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},${text.slice(1)}`, headers: json };
  }
}

/** The size of the request line and headers. */
const headBytes = (req: Request): number => req.method.length + req.path.length + Object.entries(req.headers ?? {}).reduce((n, [k, v]) => n + k.length + v.length + 4, 0);

const isSuccess = (s: Sent['status']): s is number => typeof s === 'number' && s >= 200 && s < 300;

/** The Conduit error envelope: {"errors": {"field": ["message", …], …}}. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const isErrorEnvelope = (json: any): boolean =>
  typeof json === 'object' &&
  json !== null &&
  typeof json.errors === 'object' &&
  json.errors !== null &&
  !Array.isArray(json.errors) &&
  Object.keys(json.errors).length > 0 &&
  Object.values(json.errors).every((v) => Array.isArray(v) && v.length > 0 && v.every((m) => typeof m === 'string'));

const SOCIAL = new Set<Endpoint>(['profile', 'follow', 'unfollow', 'favorite', 'unfavorite', 'feed']);

/** A range as text: "3", or "3–5" when racing pairs left it open. */
const range = (r: { min: number; max: number }) => (r.min === r.max ? String(r.min) : `${r.min}–${r.max}`);

/** Sends the specs in order; returns how many it sent (fewer at the deadline). Failures are marked on the log entries. */
export async function fuzz(ctx: FuzzContext, specs: Spec[]): Promise<number> {
  const { client, model, seed } = ctx;
  let n = 0;
  /** The last ETag each path answered with (If-None-Match sends one back, or another path's). */
  const etags = new Map<string, string>();
  for (const spec of specs) {
    if (ctx.deadline !== undefined && Date.now() > ctx.deadline) break;
    n++;
    const address = ctx.address(n);
    const users = model.users;
    // "own": an article and its author's token, so updates and deletes get past the ownership check.
    const anySlug = model.slugs();
    const ownPick = spec.slug === 'own' && anySlug.length ? model.articles.get(anySlug[spec.pick % anySlug.length]) : undefined;
    // A comment to delete: an existing one, with its author's token (when the token is "own").
    const allComments = [...model.commentIds()];
    const commentPick = spec.endpoint === 'delete-comment' && spec.id === 'existing' && allComments.length ? allComments[spec.pick % allComments.length] : undefined;
    const commentArticle = commentPick !== undefined ? model.articleOfComment(commentPick) : undefined;
    const commentAuthor = commentPick !== undefined ? model.userByUsername(model.commentAuthors.get(commentPick) ?? '') : undefined;
    const user = commentAuthor || (ownPick && model.userByUsername(ownPick.author)) || (users.length ? users[spec.pick % users.length] : undefined);
    const fresh = `${seed.toString(36)}n${n}`;
    const token = tokenFor(spec.token, user, model);
    const headers: Record<string, string> = token.header !== undefined ? { authorization: token.header } : {};
    const slugs = model.slugs();
    const ownSlugs = token.user ? slugs.filter((s) => model.articles.get(s)?.author === token.user?.username) : [];
    let slug = 'no-such-article';
    let slugPath = slug;
    const pickSlug = (kind: SlugKind) => {
      const choose = (list: string[]) => (list.length ? list[spec.pick % list.length] : 'no-such-article');
      switch (kind) {
        case 'existing':
          slug = commentArticle?.slug ?? choose(slugs);
          break;
        case 'own':
          if (commentArticle) {
            slug = commentArticle.slug;
            break;
          }
          slug = choose(ownSlugs.length ? ownSlugs : slugs);
          break;
        case 'missing':
          slug = `missing-${fresh}`;
          break;
        case 'hostile':
          slug = spec.hostileSlug;
          break;
        case 'bad-percent':
          slugPath = '%E0%A4%A';
          return;
        case 'nul':
          slugPath = 'abc%00def';
          return;
        case 'long':
          slug = 'a'.repeat(300);
          break;
        case 'dots':
          slugPath = '..%2F..%2Fhealth';
          return;
        case 'emoji':
          slug = '🐉-dragon';
          break;
        case 'space':
          slug = choose(slugs) + ' ';
          break;
        case 'trailing-space':
          slugPath = encodeAny(choose(slugs)) + '%20';
          return;
        case 'upper':
          slug = choose(slugs).toUpperCase();
          break;
      }
      slugPath = encodeAny(slug);
    };
    pickSlug(spec.slug);
    const article = model.articles.get(slug);
    let commentId: number | undefined;
    const idPath = (() => {
      const ids = article ? [...article.comments] : [];
      switch (spec.id) {
        case 'existing':
          commentId = commentPick !== undefined && article?.comments.has(commentPick) ? commentPick : ids.length ? ids[spec.pick % ids.length] : undefined;
          return String(commentId ?? 1);
        case 'other-article': {
          const all = [...model.commentIds()];
          return String(all.length ? all[spec.pick % all.length] : 1);
        }
        case 'abc':
          return 'abc';
        case '-1':
          return '-1';
        case '1.5':
          return '1.5';
        case '0':
          return '0';
        case 'huge':
          return '99999999999999999999999';
        case '1e3':
          return '1e3';
        case 'space':
          return '%201';
        case 'nul':
          return '1%00';
        case 'hex':
          return '0x1';
      }
    })();

    // The :username of a profile route (and of ?favorited=@user): another user's, mostly.
    const others = users.filter((u) => u !== token.user);
    const named = others.length ? others[spec.pick % others.length] : token.user;
    const usernamePath = ((): string => {
      const name = named?.username ?? 'nobody';
      switch (spec.username) {
        case 'existing':
          return encodeURIComponent(name);
        case 'self':
          return encodeURIComponent(token.user?.username ?? name);
        case 'upper':
          return encodeURIComponent(name.toUpperCase());
        case 'mixed':
          return encodeURIComponent([...name].map((ch, i) => (i % 2 ? ch.toUpperCase() : ch.toLowerCase())).join(''));
        case 'lead-space':
          return `%20${encodeURIComponent(name)}`;
        case 'trail-space':
          return `${encodeURIComponent(name)}%20`;
        case 'nul':
          return `${encodeURIComponent(name)}%00`;
        case 'percent-00':
          return `${encodeURIComponent(name)}%2500`;
        case 'long':
          return 'u'.repeat(300);
        case 'very-long':
          return encodeURIComponent('🐉'.repeat(2000));
        case 'unicode':
          return encodeAny(`Ünï_${name}_日本🐉`);
        case 'combining':
          return encodeAny(`e\u0301${name}`);
        case 'hostile':
          return encodeAny(spec.hostileSlug);
        case 'bad-percent':
          return `${encodeURIComponent(name)}%E0%A4%A`;
        case 'missing':
          return `nobody_${fresh}`;
        case 'slash':
          return `${encodeURIComponent(name)}%2Ffollow`;
        case 'dots':
          return '..%2F..%2Ftags';
      }
    })();

    const valid: Record<string, () => unknown> = {
      username: () => `u${fresh}`,
      email: () => `e${fresh}@rel.test`,
      password: () => 'correct horse battery',
      bio: () => 'Hello 🐉',
      image: () => 'https://example.com/a.png',
      title: () => `Fuzz title ${n % 7 === 0 ? 'same' : fresh}`,
      description: () => 'A description',
      body: () => 'A body with ünïcode and 🐉',
    };
    for (let i = 0; i < 12; i++) valid[`tagList.${i}`] = () => ['dragons', 'tea', 'Tea', '🐉', `t${i}${n % 5}`][i % 5];

    let req: Request;
    let wrapper = 'user';
    let shape: Record<string, Field | Field[] | undefined> = {};
    let method = 'GET';
    let path = '/health';
    switch (spec.endpoint) {
      case 'register':
        method = 'POST';
        path = '/api/users';
        shape = { username: spec.fields.a, email: spec.fields.b, password: spec.fields.c };
        break;
      case 'login': {
        method = 'POST';
        path = '/api/users/login';
        // The email of a known user (or a hostile one), the right password or a wrong one.
        const email: Field = spec.fields.a.kind === 'valid' && user ? { kind: 'value', value: user.email } : spec.fields.a;
        const password: Field = spec.rightPassword && user ? { kind: 'value', value: user.password } : spec.fields.b.kind === 'valid' ? { kind: 'value', value: 'wrong password!' } : spec.fields.b;
        shape = { email, password };
        break;
      }
      case 'current':
        path = '/api/user';
        break;
      case 'update-user':
        method = 'PUT';
        path = '/api/user';
        // Mostly one or two fields: a valid password change is rare, so tokens stay useful.
        shape = { bio: spec.fields.a, image: spec.fields.b, username: spec.fields.c.kind === 'valid' ? undefined : spec.fields.c, email: spec.fields.d.kind === 'valid' ? undefined : spec.fields.d, password: spec.fields.e.kind === 'valid' ? undefined : spec.fields.e };
        break;
      case 'list':
      case 'feed': {
        // '@user' is a user's exact name (?favorited=ada), '@user-upper' the same in capitals.
        const value = (v: string) => (v === '@user' ? (named?.username ?? v) : v === '@user-upper' ? (named?.username ?? v).toUpperCase() : v);
        const pairs = spec.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeAny(value(v))}`);
        if (spec.hugeQuery) pairs.push(`${spec.endpoint === 'feed' ? 'limit' : 'tag'}=${'x'.repeat(spec.pick % 2 ? 20_000 : 8_000)}`);
        path = `/api/articles${spec.endpoint === 'feed' ? '/feed' : ''}${pairs.length ? `?${pairs.join('&')}` : ''}`;
        break;
      }
      case 'profile':
        path = `/api/profiles/${usernamePath}`;
        break;
      case 'follow':
      case 'unfollow':
        method = spec.endpoint === 'follow' ? 'POST' : 'DELETE';
        path = `/api/profiles/${usernamePath}/follow`;
        break;
      case 'favorite':
      case 'unfavorite':
        method = spec.endpoint === 'favorite' ? 'POST' : 'DELETE';
        path = `/api/articles/${slugPath}/favorite`;
        break;
      case 'create-article':
        method = 'POST';
        path = '/api/articles';
        wrapper = 'article';
        shape = { title: spec.fields.a, description: spec.fields.b, body: spec.fields.c, tagList: spec.fields.d.kind === 'omit' ? undefined : spec.tags };
        break;
      case 'get-article':
        path = `/api/articles/${slugPath}`;
        break;
      case 'update-article':
        method = 'PUT';
        path = `/api/articles/${slugPath}`;
        wrapper = 'article';
        shape = {
          title: spec.fields.a.kind === 'valid' && spec.pick % 3 ? undefined : spec.fields.a,
          description: spec.fields.b.kind === 'valid' ? undefined : spec.fields.b,
          body: spec.fields.c,
          tagList: spec.fields.d.kind === 'omit' ? undefined : spec.tags,
        };
        break;
      case 'delete-article':
        method = 'DELETE';
        path = `/api/articles/${slugPath}`;
        break;
      case 'list-comments':
        path = `/api/articles/${slugPath}/comments`;
        break;
      case 'add-comment':
        method = 'POST';
        path = `/api/articles/${slugPath}/comments`;
        wrapper = 'comment';
        shape = { body: spec.fields.a };
        break;
      case 'delete-comment':
        method = 'DELETE';
        path = `/api/articles/${slugPath}/comments/${idPath}`;
        break;
      case 'tags':
        path = '/api/tags';
        break;
      case 'health':
        path = spec.pick % 2 ? '/health' : '/health?x=' + encodeAny(spec.hostileSlug);
        break;
      case 'unknown':
        path = `/api/${slugPath}`;
        break;
      case 'wrong-method':
        method = ['PATCH', 'DELETE', 'POST', 'PUT', 'OPTIONS', 'HEAD'][spec.pick % 6];
        path = ['/api/tags', '/api/users', '/api/user', '/api/articles', '/health'][spec.pick % 5];
        break;
    }
    // Follows and favorites take no body: send the drawn one anyway, half the time.
    const bodyful = (method === 'POST' || method === 'PUT') && !(SOCIAL.has(spec.endpoint) && spec.pick % 2 === 0);
    let sent: Record<string, unknown> = {};
    if (bodyful && Object.keys(shape).length) {
      const built = build(shape, valid, wrapper);
      sent = built.sent;
      req = { method, path, client: address, ...transport(spec.transport, built.text, wrapper) };
      req.headers = { ...req.headers, ...headers };
    } else if (bodyful) {
      req = { method, path, client: address, headers: { ...headers, ...(spec.transport === 'json' ? {} : { 'content-type': 'application/json' }) }, body: spec.transport === 'json' ? undefined : '{}' };
    } else {
      req = { method, path, client: address, headers };
    }

    // Junk conditional and encoding headers, on any request.
    const seenTags = [...etags.values()];
    const inm =
      spec.ifNoneMatch === 'same-path' ? etags.get(path) : spec.ifNoneMatch === 'other-path' ? (seenTags.length ? seenTags[spec.pick % seenTags.length] : undefined) : CONDITIONAL_VALUES[spec.ifNoneMatch];
    if (inm !== undefined) req.headers = { ...req.headers, 'if-none-match': inm };
    if (spec.acceptEncoding !== 'none') req.headers = { ...req.headers, 'accept-encoding': spec.acceptEncoding };

    const answer = await client.send('fuzz', req);
    const { status, json, entry } = answer;
    if (typeof status === 'number' && answer.headers.etag) etags.set(path, String(answer.headers.etag));
    // A 2xx, or a 4xx the app wrote (in the Conduit envelope); a 304 only to an If-None-Match.
    const nodeRefused = status === 431 || headBytes(req) > 16 * 1024;
    if (typeof status === 'number' && status < 500 && !isSuccess(status)) {
      if (status === 304 && inm === undefined) entry.problem ??= '304 to a request without If-None-Match';
      else if (status !== 304 && (status < 400 || status >= 500)) entry.problem ??= `${status} is neither a 2xx nor a 4xx`;
      else if (status >= 400 && method !== 'HEAD' && !nodeRefused && !isErrorEnvelope(json)) entry.problem ??= `a ${status} outside the Conduit error envelope: ${answer.text.slice(0, 120)}`;
    }
    if (status === 'timeout') entry.problem = 'timeout';
    // Node's HTTP parser refuses a request head over 16 KB (431) and closes the connection, often
    // while the client is still writing: a reset is the platform's answer there, not the app's.
    else if (status === 'error' && !(headBytes(req) > 16 * 1024 && /ECONNRESET|EPIPE/.test(entry.error ?? ''))) entry.problem = 'no answer (connection error)';
    else if (typeof status === 'number' && status >= 500) entry.problem = `${status}: ${answer.text.slice(0, 200)}`;
    const needsUser = ['current', 'update-user', 'create-article', 'update-article', 'delete-article', 'add-comment', 'delete-comment', 'follow', 'unfollow', 'favorite', 'unfavorite', 'feed'].includes(
      spec.endpoint,
    );
    if (needsUser && FORGED.has(spec.token) && isSuccess(status)) entry.problem = `a ${spec.token} token was accepted (${status})`;
    if (!isSuccess(status)) continue;
    // A write must never be answered 304, and a read that was cannot be compared.
    if (answer.text === '' && method !== 'HEAD' && status !== 204) continue;

    // A success answer shows what was sent, exactly: emoji, combining marks, long text intact.
    const echo = (what: string, sentValue: unknown, got: unknown) => {
      if (typeof sentValue === 'string' && got !== sentValue) entry.problem ??= `${what} came back as ${JSON.stringify(String(got).slice(0, 80))}, sent ${JSON.stringify(sentValue.slice(0, 80))}`;
    };
    if (spec.endpoint === 'create-article' || spec.endpoint === 'update-article') {
      for (const f of ['title', 'description', 'body'] as const) echo(`article.${f}`, sent[f], json?.article?.[f]);
    }
    if (spec.endpoint === 'add-comment') echo('comment.body', sent.body, json?.comment?.body);
    if (spec.endpoint === 'update-user') for (const f of ['bio', 'image'] as const) echo(`user.${f}`, sent[f], json?.user?.[f]);
    // A slug an article does not have (upper case, a trailing space) finds nothing, on every database.
    if (spec.endpoint === 'get-article' && (spec.slug === 'upper' || spec.slug === 'space' || spec.slug === 'trailing-space') && !model.articles.has(slug) && status === 200) {
      entry.problem ??= `found article ${json?.article?.slug} under a slug it does not have`;
    }

    // The success answers are what the tables must hold.
    try {
      switch (spec.endpoint) {
        case 'register':
          if (status === 201) {
            model.addUser({ username: json.user.username, email: json.user.email, password: String(sent.password), token: json.user.token, client: address });
          }
          break;
        case 'update-user': {
          const owner = token.user;
          if (owner && json?.user) {
            const before = owner.username;
            for (const a of model.articles.values()) if (a.author === before) a.author = json.user.username;
            owner.username = json.user.username;
            owner.email = json.user.email;
            owner.token = json.user.token;
            if (typeof sent.password === 'string') owner.password = sent.password;
          }
          break;
        }
        case 'create-article':
          if (status === 201) model.saveArticle(json.article);
          break;
        case 'update-article':
          if (status === 200) model.saveArticle(json.article, slug);
          break;
        case 'delete-article':
          if (status === 204) model.removeArticle(slug);
          break;
        case 'add-comment':
          if (status === 201) model.addComment(slug, json.comment.id, json.comment.author?.username);
          break;
        case 'profile':
        case 'follow':
        case 'unfollow': {
          const who = model.userByUsername(json.profile.username);
          // Case variants find the user (usernames are case-insensitive); the answer names them.
          if (spec.endpoint !== 'profile' && who && token.user) model.setFollow(token.user, who, spec.endpoint === 'follow');
          const want = spec.endpoint === 'follow' ? true : spec.endpoint === 'unfollow' ? false : who && spec.token === 'own' && token.user ? model.isFollowing(token.user, who) : spec.token === 'none' ? false : 'unsure';
          if (want !== 'unsure' && json.profile.following !== want) entry.problem ??= `profile.following ${json.profile.following}, the model says ${want}`;
          if (spec.username === 'missing') entry.problem ??= `a profile for a username nobody has (${json.profile.username})`;
          if (['lead-space', 'trail-space', 'nul', 'percent-00', 'long', 'very-long', 'unicode', 'combining', 'slash'].includes(spec.username)) {
            entry.problem ??= `the profile of ${json.profile.username} answered for a username it does not have (${spec.username})`;
          }
          if (!who) entry.problem ??= `a profile for ${json.profile.username}, whom no registration answered`;
          break;
        }
        case 'favorite':
        case 'unfavorite': {
          const at = String(json.article.slug);
          if (at !== slug) entry.problem ??= `favorited ${at} through the slug ${JSON.stringify(slug)}`;
          if (token.user) model.setFavorite(at, token.user, spec.endpoint === 'favorite');
          if (json.article.favorited !== (spec.endpoint === 'favorite')) entry.problem ??= `article.favorited ${json.article.favorited} after ${method} /favorite`;
          const want = model.favoritesCount(at);
          if (spec.token === 'own' && (json.article.favoritesCount < want.min || json.article.favoritesCount > want.max)) {
            entry.problem ??= `favoritesCount ${json.article.favoritesCount}, the model says ${range(want)}`;
          }
          break;
        }
        case 'feed': {
          const keys = new Set(spec.query.map(([k]) => k));
          const plain = !spec.hugeQuery && [...keys].every((k) => k === 'limit' || k === 'offset' || k === 'tag' || k === 'author' || k === 'favorited');
          const want = token.user && spec.token === 'own' ? model.feedCount(token.user) : undefined;
          // The feed ignores ?tag, ?author and ?favorited: its count is the followed authors' articles.
          if (plain && want && (json.articlesCount < want.min || json.articlesCount > want.max)) entry.problem ??= `the feed's articlesCount ${json.articlesCount}, the model says ${range(want)}`;
          const strangers = (json.articles as { author: { following: boolean } }[]).filter((a) => a.author.following !== true);
          if (strangers.length) entry.problem ??= `the feed has ${strangers.length} article(s) of authors the reader does not follow`;
          break;
        }
        case 'list': {
          // ?favorited=<an exact username>, alone but for the page: the count is that user's favorites.
          const favs = spec.query.filter(([k]) => k === 'favorited');
          const others2 = spec.query.filter(([k]) => k !== 'favorited' && k !== 'limit' && k !== 'offset');
          if (favs.length === 1 && favs[0][1] === '@user' && others2.length === 0 && !spec.hugeQuery && named && model.articles.size) {
            const want = model.favoritesOf(named);
            if (json.articlesCount < want.min || json.articlesCount > want.max) entry.problem ??= `?favorited=${named.username}: articlesCount ${json.articlesCount}, the model says ${range(want)}`;
          }
          break;
        }
        case 'delete-comment':
          if (status === 204) {
            const id = Number(idPath);
            if (!article?.comments.has(id)) entry.problem = `comment ${idPath} is not a comment of ${slug}, yet it was deleted through it`;
            for (const a of model.articles.values()) a.comments.delete(id);
          }
          break;
        default:
          break;
      }
    } catch (err) {
      entry.problem = `a ${status} answer the suite could not read: ${(err as Error).message}`;
    }
  }
  return n;
}
