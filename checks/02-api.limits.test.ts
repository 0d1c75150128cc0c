/**
 * Step 02 · A REST API — sizes. Every text field and the list of tags has a largest size, counted
 * in Unicode code points; text no database can keep (NUL, half a surrogate pair) is refused like
 * any other bad input; GET /api/tags lists at most 100 tags. Each rule is tried at its edges: the
 * exact maximum (accepted), one more (refused), on POST and on PUT, several at once.
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
  lessonLink,
  loadApp,
  manualClock,
  requirement,
  targetDir,
  type Response,
  type SendOptions,
} from './support/index.js';

const dir = targetDir('02-api');
const lesson = lessonLink('02-api');
const L = { limits: lesson('limits'), tags: lesson('tags'), create: lesson('creating-an-article') };

const MAX = { title: 255, description: 1024, body: 50_000, tag: 64, tags: 10 } as const;
const DRAGON = '🐉'; // one code point, two UTF-16 units: "🐉".length === 2

interface Article {
  slug: string;
  title: string;
  description: string;
  body?: string;
  tagList: string[];
  updatedAt: string;
}

async function freshApp() {
  const time = manualClock('2024-03-01T09:00:00.000Z');
  const { app } = await loadApp(dir, { clock: time.clock });
  const author = await actingAuthor(api(app));
  const raw = api(app);
  const as = (o: SendOptions = {}): SendOptions => ({ ...o, headers: { ...author.headers, ...o.headers } });
  return {
    time,
    http: {
      get: (path: string, o?: SendOptions) => raw.get(path, as(o)),
      post: (path: string, o?: SendOptions) => raw.post(path, as(o)),
      put: (path: string, o?: SendOptions) => raw.put(path, as(o)),
      delete: (path: string, o?: SendOptions) => raw.delete(path, as(o)),
    },
  };
}
type Http = Awaited<ReturnType<typeof freshApp>>['http'];

const articleOf = (res: Response) => (res.body as { article?: Article } | undefined)?.article;
const pathOf = (slug: string) => `/api/articles/${encodeURIComponent(slug)}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** A short description of a long value, for failure messages. */
const show = (value: unknown): string => {
  if (typeof value === 'string') return `a string of ${[...value].length} characters (${value.length} UTF-16 units)`;
  if (Array.isArray(value)) return `${value.length} tags`;
  return JSON.stringify(value);
};
const describeFields = (fields: Record<string, unknown>) =>
  `{"article": {${Object.entries(fields)
    .map(([k, v]) => `"${k}": ${typeof v === 'string' && v.length < 40 ? JSON.stringify(v) : show(v)}`)
    .join(', ')}}}`;

async function create(http: Http, fields: Record<string, unknown>, lessonUrl: string): Promise<Article> {
  const article = { title: 'Sizes', description: 'd', body: 'b', ...fields };
  const res = await http.post('/api/articles', { json: { article } });
  const made = articleOf(res);
  if (res.status !== 201 || typeof made?.slug !== 'string') {
    fail({
      expected: `POST /api/articles ${describeFields(article)} answers 201 (every value is within its limit)`,
      got: describeResponse(res).slice(0, 600),
      hint: 'count characters as code points ([...text].length), and accept a value of exactly the limit',
      lesson: lessonUrl,
    });
  }
  return made;
}

async function count(http: Http): Promise<number> {
  const res = await http.get('/api/articles');
  return (res.body as { articlesCount?: number } | undefined)?.articlesCount ?? -1;
}

function expect422Naming(res: Response, keys: string[], label: string, lessonUrl: string): void {
  expectStatus(res, 422, lessonUrl, `${label}: a value over its limit is a 422 naming the field, checked before anything is stored`);
  const errors = expectErrorEnvelope(res, lessonUrl);
  const missing = keys.filter((k) => !(k in errors));
  ensure(missing.length === 0, {
    expected: `${label} answers 422 naming ${keys.map((k) => `"${k}"`).join(', ')}`,
    got: `${JSON.stringify({ errors }).slice(0, 400)} (missing: ${missing.join(', ')})`,
    hint: 'check each field and collect every problem before answering',
    lesson: lessonUrl,
  });
}

// Values of exactly the limit, in code points. The body mixes ASCII, two-byte letters and a few
// emoji: 50,000 emoji would be 200 kB of JSON, over the body parser's limit, while these 90 kB
// are still more than the 65,535 bytes of a MySQL TEXT column.
const atMax = {
  title: DRAGON.repeat(MAX.title),
  description: `${'d'.repeat(MAX.description - 24)}${DRAGON.repeat(24)}`,
  body: `${'é'.repeat(40_000)}${'b'.repeat(MAX.body - 40_010)}${DRAGON.repeat(10)}`,
  tag: DRAGON.repeat(MAX.tag),
};
const overMax = {
  title: 'x'.repeat(MAX.title + 1),
  description: `${DRAGON.repeat(MAX.description + 1)}`,
  body: 'b'.repeat(MAX.body + 1),
  tag: 't'.repeat(MAX.tag + 1),
};
const tenTags = (prefix: string) => Array.from({ length: MAX.tags }, (_, i) => `${prefix}-${i}`);

describe('limits', () => {
  requirement('a title, description, body or tag of exactly its maximum length, and 10 tags, are accepted, counting an emoji as one character', { lesson: L.limits, covers: ['limits-exact-accepted', 'limits-code-points'] }, async () => {
    const { http } = await freshApp();
    // One field at its maximum at a time, so a failure names the field.
    const one: [string, Record<string, unknown>][] = [
      ['title', { title: atMax.title }],
      ['description', { description: atMax.description }],
      ['body', { body: atMax.body }],
      ['tagList', { tagList: [atMax.tag, `  ${'x'.repeat(MAX.tag)}  `] }],
      ['tagList', { tagList: tenTags('ten') }],
    ];
    for (const [, fields] of one) await create(http, fields, L.limits);
    const all = await create(http, { title: atMax.title, description: atMax.description, body: atMax.body, tagList: [atMax.tag, ...tenTags('all').slice(1)] }, L.limits);
    const read = await http.get(pathOf(all.slug));
    const back = articleOf(read);
    ensure(read.status === 200 && back?.title === atMax.title && back.description === atMax.description && back.body === atMax.body && back.tagList.length === MAX.tags && back.tagList.includes(atMax.tag), {
      expected: `GET ${pathOf(all.slug)} answers every value as it was sent, none cut short`,
      got: read.status === 200 ? `title ${show(back?.title)}, description ${show(back?.description)}, body ${show(back?.body)}, ${show(back?.tagList)}` : describeResponse(read),
      lesson: L.limits,
    });
    // And on PUT: the same values change an article.
    const target = await create(http, { title: 'Short' }, L.limits);
    const changes = { title: `${DRAGON.repeat(MAX.title - 1)}!`, description: atMax.description, body: atMax.body, tagList: tenTags('put').slice(0, 9).concat(atMax.tag) };
    const res = await http.put(pathOf(target.slug), { json: { article: changes } });
    const updated = articleOf(res);
    ensure(res.status === 200 && updated?.title === changes.title && updated.body === changes.body && updated.tagList.length === MAX.tags, {
      expected: `PUT ${pathOf(target.slug)} ${describeFields(changes)} answers 200 with those values (each exactly at its limit)`,
      got: describeResponse(res).slice(0, 600),
      hint: 'the update checks the same limits the same way: code points, at most the limit',
      lesson: L.limits,
    });
  });

  requirement('a title, description, body or tag one character over its maximum, or an 11th tag, answers 422 naming the field on POST and PUT, and nothing changes', { lesson: L.limits, covers: ['limits-422', 'limits-code-points'] }, async () => {
    const { http, time } = await freshApp();
    const cases: [string, Record<string, unknown>][] = [
      ['title', { title: overMax.title }],
      ['title', { title: DRAGON.repeat(MAX.title + 1) }],
      ['description', { description: overMax.description }],
      ['body', { body: overMax.body }],
      ['tagList', { tagList: [overMax.tag] }],
      ['tagList', { tagList: [DRAGON.repeat(MAX.tag + 1)] }],
      ['tagList', { tagList: [...tenTags('eleven'), 'one-more'] }],
    ];
    for (const [key, fields] of cases) {
      const article = { title: 'Too big', description: 'd', body: 'b', ...fields };
      const res = await http.post('/api/articles', { json: { article } });
      expect422Naming(res, [key], `POST /api/articles ${describeFields(article)}`, L.limits);
    }
    ensure((await count(http)) === 0, {
      expected: 'nothing stored: every POST above was refused',
      got: `GET /api/articles answers "articlesCount": ${await count(http)}`,
      hint: 'check the sizes with the rest of the validation, before storing',
      lesson: L.limits,
    });
    const target = await create(http, { title: 'Unchanged', tagList: ['kept'] }, L.limits);
    time.tick(60_000);
    for (const [key, fields] of cases) {
      // A valid change beside the oversized one: the 422 must not apply it either.
      const changes = { ...(key === 'title' ? { body: 'New body' } : { title: 'New title' }), ...fields };
      const res = await http.put(pathOf(target.slug), { json: { article: changes } });
      expect422Naming(res, [key], `PUT ${pathOf(target.slug)} ${describeFields(changes)}`, L.limits);
    }
    const after = articleOf(await http.get(pathOf(target.slug)));
    ensure(after?.title === 'Unchanged' && after.body === 'b' && same(after.tagList, ['kept']) && after.updatedAt === target.updatedAt, {
      expected: `GET ${pathOf(target.slug)} shows the article as created: the refused updates changed nothing`,
      got: String(JSON.stringify(after)).slice(0, 400),
      hint: 'validate the whole update, sizes included, before changing anything',
      lesson: L.limits,
    });
  });

  requirement('several fields over their limits at once are all named in one 422, on POST and PUT', { lesson: L.limits, covers: ['limits-all-reported', 'limits-422'] }, async () => {
    const { http } = await freshApp();
    const all = { title: overMax.title, description: overMax.description, body: overMax.body, tagList: [...tenTags('many'), overMax.tag] };
    expect422Naming(await http.post('/api/articles', { json: { article: all } }), ['title', 'description', 'body', 'tagList'], `POST /api/articles ${describeFields(all)}`, L.limits);
    const target = await create(http, { title: 'Target' }, L.limits);
    expect422Naming(await http.put(pathOf(target.slug), { json: { article: all } }), ['title', 'description', 'body', 'tagList'], `PUT ${pathOf(target.slug)} ${describeFields(all)}`, L.limits);
    const two = { title: DRAGON.repeat(MAX.title + 1), tagList: [...tenTags('two'), 'eleventh'] };
    expect422Naming(await http.put(pathOf(target.slug), { json: { article: two } }), ['title', 'tagList'], `PUT ${pathOf(target.slug)} ${describeFields(two)}`, L.limits);
  });

  requirement('a NUL character or broken Unicode in any text field, tag or list filter answers 422, on POST and PUT', { lesson: L.limits, covers: ['text-unstorable-422'] }, async () => {
    const { http } = await freshApp();
    const target = await create(http, { title: 'Clean', body: 'Clean body.' }, L.limits);
    const bad = [
      { what: 'a NUL character', value: 'before\u0000after' },
      { what: 'a lone high surrogate', value: 'broken \ud800 text' },
      { what: 'a lone low surrogate', value: 'broken \udc00 text' },
      { what: 'two high surrogates', value: '\ud83d\ud83d' },
    ];
    for (const { what, value } of bad) {
      for (const key of ['title', 'description', 'body', 'tagList'] as const) {
        const fields = key === 'tagList' ? { tagList: ['fine', value] } : { [key]: value };
        const sent = { title: 'Fine', description: 'Fine', body: 'Fine', ...fields };
        const post = await http.post('/api/articles', { json: { article: sent } });
        expect422Naming(post, [key], `POST /api/articles with ${what} in ${key === 'tagList' ? 'a tag' : key}`, L.limits);
        const put = await http.put(pathOf(target.slug), { json: { article: fields } });
        expect422Naming(put, [key], `PUT ${pathOf(target.slug)} with ${what} in ${key === 'tagList' ? 'a tag' : key}`, L.limits);
      }
    }
    for (const query of ['?tag=%00', '?tag=fine%00', '?author=%00', '?author=demo%00x']) {
      const res = await http.get(`/api/articles${query}`);
      const name = query.startsWith('?tag') ? 'tag' : 'author';
      expect422Naming(res, [name], `GET /api/articles${query} (a NUL character in the filter)`, L.limits);
    }
    const after = articleOf(await http.get(pathOf(target.slug)));
    ensure((await count(http)) === 1 && after?.title === 'Clean' && after.body === 'Clean body.', {
      expected: `one article, "${target.slug}", unchanged: every request above was refused`,
      got: `"articlesCount": ${await count(http)}, ${String(JSON.stringify(after)).slice(0, 300)}`,
      lesson: L.limits,
    });
  });
});

describe('tags limit', () => {
  requirement('GET /api/tags lists at most 100 tags: the most used, ties going to the alphabetically first', { lesson: L.tags, covers: ['tags-at-most-100'] }, async () => {
    const { http } = await freshApp();
    // 12 articles × 10 tags: "zz-everywhere" on all 12, "zy-twice" on two, 106 tags used once
    // (t000 … t105): 108 in use. The 100 listed: the two most used (although alphabetically
    // last), then t000 … t097.
    const single = Array.from({ length: 106 }, (_, i) => `t${String(i).padStart(3, '0')}`);
    // Hand them out from the end, so the articles created first carry the alphabetically last tags.
    const pool = [...single].reverse();
    for (let i = 0; i < 12; i++) {
      const tags = ['zz-everywhere', ...(i < 2 ? ['zy-twice'] : [])];
      while (tags.length < MAX.tags) tags.push(pool.shift()!);
      await create(http, { title: `Tagged ${i + 1}`, tagList: tags }, L.tags);
    }
    const res = await http.get('/api/tags');
    expectStatus(res, 200, L.tags);
    const tags = (res.body as { tags?: unknown } | undefined)?.tags;
    ensure(Array.isArray(tags), { expected: 'GET /api/tags answers {"tags": [...]}', got: describeResponse(res).slice(0, 300), lesson: L.tags });
    const wanted = ['zz-everywhere', 'zy-twice', ...single.slice(0, 98)];
    const extra = tags.filter((t) => !wanted.includes(t as string));
    const missing = wanted.filter((t) => !tags.includes(t));
    ensure(tags.length === 100 && extra.length === 0 && missing.length === 0 && new Set(tags).size === 100, {
      expected: 'with 108 tags in use, GET /api/tags lists 100: "zz-everywhere" (12 articles), "zy-twice" (2), then t000 … t097 (1 article each, alphabetically first)',
      got: `${tags.length} tags; missing ${JSON.stringify(missing.slice(0, 6))}${missing.length > 6 ? '…' : ''}, not expected ${JSON.stringify(extra.slice(0, 6))}${extra.length > 6 ? '…' : ''}`,
      hint: 'count the articles per tag, sort by that count (most first) and then by name, and keep the first 100',
      lesson: L.tags,
    });
  });
});
