/**
 * Step 02 · A REST API. Conduit articles and tags, kept in memory. Every check builds its own app
 * (so its own empty store), creates the articles it asserts on, and talks HTTP only: a learner's
 * differently organised code passes as long as the API behaves.
 *
 * Time is controlled, never waited for: each check hands createApp a clock it moves by hand.
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
  lessonLink,
  manualClock,
  loadApp,
  requirement,
  targetDir,
  type ManualClock,
  type Response,
  type SendOptions,
} from './support/index.js';

const dir = targetDir('02-api');
const lesson = lessonLink('02-api');

const L = {
  create: lesson('creating-an-article'),
  store: lesson('one-store-per-app'),
  slugs: lesson('slugs'),
  validation: lesson('validation-errors'),
  list: lesson('listing-articles'),
  pages: lesson('pagination'),
  filters: lesson('filtering-by-tag-and-author'),
  read: lesson('reading-one-article'),
  update: lesson('updating-an-article'),
  remove: lesson('deleting-an-article'),
  tags: lesson('tags'),
};

// ── Helpers ────────────────────────────────────────────────────────────────────────────────

type Http = ReturnType<typeof api>;

interface Article {
  slug: string;
  title: string;
  description: string;
  body?: string;
  tagList: string[];
  createdAt: string;
  updatedAt: string;
  favorited: boolean;
  favoritesCount: number;
  author: { username: string; bio: string | null; image: string | null; following: boolean };
}


/**
 * A fresh app (and so a fresh, empty store) on a clock the check controls. Every request carries
 * the acting author's headers: none before step 04, a token from step 04 on (these checks run
 * against the later steps too).
 */
async function freshApp() {
  const time = manualClock('2024-03-01T09:00:00.000Z');
  const { app } = await loadApp(dir, { clock: time.clock });
  const author = await actingAuthor(api(app));
  const raw = api(app);
  const as = (o: SendOptions = {}): SendOptions => ({ ...o, headers: { ...author.headers, ...o.headers } });
  const http = {
    get: (path: string, o?: SendOptions) => raw.get(path, as(o)),
    post: (path: string, o?: SendOptions) => raw.post(path, as(o)),
    put: (path: string, o?: SendOptions) => raw.put(path, as(o)),
    patch: (path: string, o?: SendOptions) => raw.patch(path, as(o)),
    delete: (path: string, o?: SendOptions) => raw.delete(path, as(o)),
  };
  return { http, time, author: author.username };
}

let serial = 0;
/** A valid article body, unique per call; pass the fields a check cares about. */
function buildArticle(fields: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    title: `Notes on rivers ${serial}`,
    description: `Why river ${serial} matters`,
    body: `River ${serial} runs to the sea.`,
    ...fields,
  };
}

/**
 * Creates an article for a check to work with. Only the create check insists on 201 and the
 * exact shape; here any 2xx with an `article.slug` will do, so one mistake fails one check.
 */
async function createArticle(http: Http, fields: Record<string, unknown> = {}): Promise<Article> {
  const sent = buildArticle(fields);
  const res = await http.post('/api/articles', { json: { article: sent } });
  const article = (res.body as { article?: Article } | undefined)?.article;
  if (res.status < 200 || res.status > 299 || typeof article?.slug !== 'string' || article.slug === '') {
    fail({
      expected: `POST /api/articles {"article": {"title": ${JSON.stringify(sent.title)}, …}} to create an article (201 with {"article": {"slug": …, …}}): this check builds on it`,
      got: describeResponse(res),
      hint: 'this check needs creating articles to work first',
      lesson: L.create,
    });
  }
  return article;
}

/** Creates `count` articles titled `<prefix> 1`, `<prefix> 2`, …, one second apart: oldest first. */
async function createSeries(http: Http, time: ManualClock, count: number, prefix: string): Promise<Article[]> {
  const made: Article[] = [];
  for (let i = 1; i <= count; i++) {
    made.push(await createArticle(http, { title: `${prefix} ${i}` }));
    time.tick();
  }
  return made;
}

interface Page {
  articles: Article[];
  articlesCount: number;
}

/** GET /api/articles<query>: 200 with {articles: [...], articlesCount: integer}, or a clear failure. */
async function listArticles(http: Http, query: string, lessonUrl: string): Promise<Page> {
  const res = await http.get(`/api/articles${query}`);
  expectStatus(res, 200, lessonUrl);
  expectJson(res, lessonUrl);
  const body = res.body as Partial<Page> | undefined;
  ensure(Array.isArray(body?.articles) && Number.isInteger(body?.articlesCount), {
    expected: `GET /api/articles${query} answers {"articles": [...], "articlesCount": <integer>}`,
    got: describeResponse(res),
    lesson: lessonUrl,
  });
  return body as Page;
}

const slugsOf = (articles: Article[]): string[] => articles.map((a) => a.slug);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Asserts a page holds exactly these articles, in this order, and the total. */
function expectPage(page: Page, query: string, wanted: Article[], total: number, lessonUrl: string, hint?: string): void {
  ensure(same(slugsOf(page.articles), slugsOf(wanted)), {
    expected: `GET /api/articles${query} lists ${wanted.length === 0 ? 'no articles' : `the slugs ${JSON.stringify(slugsOf(wanted))}, in that order`}`,
    got: `${JSON.stringify(slugsOf(page.articles))}`,
    hint,
    lesson: lessonUrl,
  });
  ensure(page.articlesCount === total, {
    expected: `GET /api/articles${query} answers "articlesCount": ${total} (every article that matches, before limit and offset)`,
    got: `"articlesCount": ${JSON.stringify(page.articlesCount)}`,
    hint,
    lesson: lessonUrl,
  });
}

/** A 422 in the Conduit envelope whose errors name `key`. */
function expect422For(res: Response, key: string, what: string, lessonUrl: string): void {
  expectStatus(res, 422, lessonUrl, `${what}: answer 422 Unprocessable Entity, not 400 or 500`);
  const errors = expectErrorEnvelope(res, lessonUrl);
  ensure(key in errors, {
    expected: `${what}: the errors name the field, {"errors": {"${key}": ["…"]}}`,
    got: JSON.stringify({ errors }),
    hint: 'key each message by the field it is about, so a front end can show it beside that field',
    lesson: lessonUrl,
  });
}

const ISO_WITH_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+(?:Z|[+-]\d{2}:\d{2})$/;
/** URL-safe enough to round-trip: no spaces, no characters that end or split a path. */
const UNSAFE_IN_SLUG = /[\s/?#%\\]/;

function ensureArticleShape(article: unknown, label: string, withBody: boolean, lessonUrl: string): asserts article is Article {
  const a = article as Record<string, unknown> | undefined;
  const problems: string[] = [];
  if (typeof a !== 'object' || a === null) {
    fail({ expected: `${label} is an article object`, got: JSON.stringify(article), lesson: lessonUrl });
  }
  for (const key of ['slug', 'title', 'description'] as const) {
    if (typeof a[key] !== 'string') problems.push(`${key} should be a string, got ${JSON.stringify(a[key])}`);
  }
  if (withBody && typeof a.body !== 'string') problems.push(`body should be a string, got ${JSON.stringify(a.body)}`);
  if (!Array.isArray(a.tagList)) problems.push(`tagList should be an array, got ${JSON.stringify(a.tagList)}`);
  for (const key of ['createdAt', 'updatedAt'] as const) {
    if (typeof a[key] !== 'string' || !ISO_WITH_MS.test(a[key] as string)) {
      problems.push(`${key} should be an ISO 8601 string with milliseconds (2024-03-01T09:00:00.000Z), got ${JSON.stringify(a[key])}`);
    }
  }
  if (a.favorited !== false) problems.push(`favorited should be false, got ${JSON.stringify(a.favorited)}`);
  if (a.favoritesCount !== 0) problems.push(`favoritesCount should be the number 0, got ${JSON.stringify(a.favoritesCount)}`);
  const author = a.author as Record<string, unknown> | undefined;
  if (typeof author !== 'object' || author === null) {
    problems.push(`author should be a profile {username, bio, image, following}, got ${JSON.stringify(a.author)}`);
  } else {
    if (typeof author.username !== 'string' || author.username === '') problems.push(`author.username should be a string, got ${JSON.stringify(author.username)}`);
    for (const key of ['bio', 'image'] as const) {
      if (!(key in author) || (author[key] !== null && typeof author[key] !== 'string')) {
        problems.push(`author.${key} should be present, a string or null, got ${JSON.stringify(author[key])}`);
      }
    }
    if (author.following !== false) problems.push(`author.following should be false, got ${JSON.stringify(author.following)}`);
  }
  if (problems.length > 0) {
    fail({
      expected: `${label} has every field of a Conduit article, with the right types`,
      got: problems.join('; '),
      lesson: lessonUrl,
    });
  }
}

// ── Creating articles ──────────────────────────────────────────────────────────────────────

describe('POST /api/articles', () => {
  requirement('POST /api/articles answers 201 with the new article in the Conduit shape, timed by the app clock', { lesson: L.create , covers: ['create-201', 'article-shape', 'timestamps-from-clock'] }, async () => {
    const { http, time } = await freshApp();
    const sent = { title: 'How to train your dragon', description: 'Ever wonder how?', body: 'Very carefully.', tagList: ['dragons'] };
    const res = await http.post('/api/articles', { json: { article: sent } });
    expectStatus(res, 201, L.create, 'a POST that creates something answers 201 Created: res.status(201).json(...)');
    expectJson(res, L.create);
    const article = (res.body as { article?: unknown } | undefined)?.article;
    ensure(article !== undefined, {
      expected: 'the article wrapped in one key: {"article": {...}}',
      got: describeResponse(res),
      lesson: L.create,
    });
    ensureArticleShape(article, 'the created "article"', true, L.create);
    for (const key of ['title', 'description', 'body'] as const) {
      ensure(article[key] === sent[key], {
        expected: `"${key}": ${JSON.stringify(sent[key])} (what was sent)`,
        got: `"${key}": ${JSON.stringify(article[key])}`,
        lesson: L.create,
      });
    }
    for (const key of ['createdAt', 'updatedAt'] as const) {
      ensure(Date.parse(article[key]) === Date.parse(time.iso()), {
        expected: `"${key}": "${time.iso()}" (the checks pass createApp a clock stopped at that instant)`,
        got: `"${key}": ${JSON.stringify(article[key])}`,
        hint: 'take the time from the clock createApp receives in deps (clock()), not from new Date()',
        lesson: L.create,
      });
    }
  });

  requirement('tagList comes back sorted alphabetically, without duplicates, and [] when none was sent', { lesson: L.create , covers: ['taglist-sorted-once'] }, async () => {
    const { http } = await freshApp();
    const tagged = await createArticle(http, { tagList: ['training', 'dragons', 'training'] });
    ensure(same(tagged.tagList, ['dragons', 'training']), {
      expected: 'tagList ["training", "dragons", "training"] comes back as ["dragons", "training"]',
      got: `tagList ${JSON.stringify(tagged.tagList)}`,
      hint: 'drop the duplicates (a Set) and sort: front ends and the official Conduit tests expect alphabetical order',
      lesson: L.create,
    });
    const res = await http.get(`/api/articles/${encodeURIComponent(tagged.slug)}`);
    const read = (res.body as { article?: Article } | undefined)?.article;
    ensure(res.status === 200 && same(read?.tagList, ['dragons', 'training']), {
      expected: `GET /api/articles/${tagged.slug} answers 200 with tagList ["dragons", "training"] too`,
      got: describeResponse(res),
      lesson: L.create,
    });
    const cased = await createArticle(http, { tagList: ['tea', 'Tea', 'apple', 'Zebra'] });
    ensure(same(cased.tagList, ['Tea', 'Zebra', 'apple', 'tea']), {
      expected: 'tagList ["tea", "Tea", "apple", "Zebra"] comes back as ["Tea", "Zebra", "apple", "tea"] (the order of sort(): upper case before lower case, and "Tea" and "tea" are two tags)',
      got: `tagList ${JSON.stringify(cased.tagList)}`,
      hint: 'sort() with no compare function; localeCompare or a case-insensitive sort gives another order',
      lesson: L.create,
    });
    const untagged = await createArticle(http);
    ensure(same(untagged.tagList, []), {
      expected: 'an article created without tagList has "tagList": []',
      got: `"tagList": ${JSON.stringify(untagged.tagList)}`,
      lesson: L.create,
    });
    const put = await http.put(`/api/articles/${encodeURIComponent(untagged.slug)}`, { json: { article: { tagList: ['tea', 'cake', 'apple', 'tea'] } } });
    const updated = (put.body as { article?: Article } | undefined)?.article;
    ensure(put.status === 200 && same(updated?.tagList, ['apple', 'cake', 'tea']), {
      expected: `PUT /api/articles/${untagged.slug} {"article": {"tagList": ["tea", "cake", "apple", "tea"]}} answers 200 with tagList ["apple", "cake", "tea"] (sorted, each once)`,
      got: describeResponse(put),
      hint: 'the tagList of an update gets the same treatment as a new one: dedupe and sort',
      lesson: L.create,
    });
  });

  requirement('each createApp() call starts with its own empty set of articles', { lesson: L.store , covers: ['store-per-app'] }, async () => {
    const first = await freshApp();
    await createArticle(first.http, { title: 'Only in the first app', tagList: ['first-app-only'] });
    const second = await freshApp();
    const page = await listArticles(second.http, '', L.store);
    ensure(page.articlesCount === 0 && page.articles.length === 0, {
      expected: 'a second app, built by another createApp() call, lists no articles',
      got: `it lists ${JSON.stringify(slugsOf(page.articles))} ("articlesCount": ${page.articlesCount}), created through the first app`,
      hint: 'create the store inside createApp, not at the top of a module: a module is loaded once and shared by every app',
      lesson: L.store,
    });
  });
});

// ── Slugs ──────────────────────────────────────────────────────────────────────────────────

describe('slugs', () => {
  requirement('the slug comes from the title: lower case, words joined by "-", punctuation removed', { lesson: L.slugs , covers: ['slug-from-title'] }, async () => {
    const { http } = await freshApp();
    const cases = [
      { title: 'How to Train Your Dragon', base: 'how-to-train-your-dragon' },
      { title: 'Hello, World! (Part 2)', base: 'hello-world-part-2' },
      { title: '  Tabs   and -- dashes  ', base: 'tabs-and-dashes' },
    ];
    for (const { title, base } of cases) {
      const article = await createArticle(http, { title });
      ensure(article.slug === base || (article.slug.startsWith(`${base}-`) && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(article.slug)), {
        expected: `the title ${JSON.stringify(title)} gives the slug "${base}" (a uniqueness suffix after it is fine)`,
        got: `"slug": ${JSON.stringify(article.slug)}`,
        hint: 'lower-case the title, replace every run of characters that are not a-z or 0-9 with one "-", and trim "-" from both ends',
        lesson: L.slugs,
      });
      const res = await http.get(`/api/articles/${article.slug}`);
      ensure(res.status === 200 && (res.body as { article?: Article })?.article?.slug === article.slug, {
        expected: `GET /api/articles/${article.slug} finds the article titled ${JSON.stringify(title)}`,
        got: describeResponse(res),
        lesson: L.slugs,
      });
    }
  });

  requirement('every article gets a slug of its own that resolves, even for a repeated or non-ASCII title', { lesson: L.slugs , covers: ['slug-unique', 'slug-usable'] }, async () => {
    const { http } = await freshApp();
    const titles = ['Same title', 'Same title', '日本語のタイトル', '¿¡!?', 'Ünïcödé café'];
    const made: Article[] = [];
    for (const title of titles) made.push(await createArticle(http, { title, body: `the body of article ${made.length + 1}` }));
    const slugs = slugsOf(made);
    const repeated = slugs.filter((s, i) => slugs.indexOf(s) !== i);
    ensure(repeated.length === 0, {
      expected: `${titles.length} articles get ${titles.length} different slugs (the slug is how an article is found)`,
      got: `titles ${JSON.stringify(titles)} got slugs ${JSON.stringify(slugs)}`,
      hint: 'before using a slug, look for an article that already has it; if there is one, add a suffix (-2, -3, … or a short random part)',
      lesson: L.slugs,
    });
    for (const [i, article] of made.entries()) {
      ensure(article.slug.trim() !== '' && !UNSAFE_IN_SLUG.test(article.slug), {
        expected: `the title ${JSON.stringify(titles[i])} gives a non-empty slug with no spaces, "/", "?", "#", "%" or "\\"`,
        got: `"slug": ${JSON.stringify(article.slug)}`,
        hint: 'when nothing is left of the title, fall back to a word such as "article" (the uniqueness suffix then tells them apart)',
        lesson: L.slugs,
      });
      const path = `/api/articles/${encodeURIComponent(article.slug)}`;
      const res = await http.get(path);
      const found = (res.body as { article?: Article } | undefined)?.article;
      ensure(res.status === 200 && found?.body === `the body of article ${i + 1}`, {
        expected: `GET ${path} answers 200 with the article titled ${JSON.stringify(titles[i])} (article ${i + 1})`,
        got: describeResponse(res),
        lesson: L.slugs,
      });
    }
    // After a delete, the same title again: a slug none of the articles still there has.
    const gone = made[0];
    const deleted = await http.delete(`/api/articles/${encodeURIComponent(gone.slug)}`);
    expectStatus(deleted, 204, L.remove);
    const again = await createArticle(http, { title: 'Same title', body: 'the body of article 6' });
    ensure(again.slug !== made[1].slug && !slugs.slice(1).includes(again.slug), {
      expected: `after deleting "${gone.slug}", a new "Same title" gets a slug that "${made[1].slug}" (still there) does not have`,
      got: `"slug": ${JSON.stringify(again.slug)}`,
      hint: 'look for an article that already has the slug you are about to use; counting the articles with the same title goes wrong once one of them is deleted',
      lesson: L.slugs,
    });
    // A rename to a title another article has: the slug stays unique, both still resolve.
    const renamed = made[4];
    const res = await http.put(`/api/articles/${encodeURIComponent(renamed.slug)}`, { json: { article: { title: 'Same title' } } });
    const after = (res.body as { article?: Article } | undefined)?.article;
    ensure(res.status === 200 && typeof after?.slug === 'string' && ![again.slug, ...slugs.slice(1, 4)].includes(after.slug) && after.slug !== '', {
      expected: `PUT /api/articles/${renamed.slug} {"article": {"title": "Same title"}} answers 200 with a slug none of ${JSON.stringify([again.slug, ...slugs.slice(1, 4)])} has`,
      got: describeResponse(res),
      hint: 'a rename makes a new slug the same way a create does: unique among the other articles',
      lesson: L.slugs,
    });
    for (const [slug, body] of [[again.slug, 'the body of article 6'], [slugs[1], 'the body of article 2'], [after.slug, 'the body of article 5']]) {
      const found = await http.get(`/api/articles/${encodeURIComponent(slug)}`);
      ensure(found.status === 200 && (found.body as { article?: Article })?.article?.body === body, {
        expected: `GET /api/articles/${slug} answers 200 with ${JSON.stringify(body)}`,
        got: describeResponse(found),
        lesson: L.slugs,
      });
    }
  });
});

// ── Validation ─────────────────────────────────────────────────────────────────────────────

describe('validation', () => {
  requirement('POST /api/articles answers 422 naming the field when one is missing, blank or not a string', { lesson: L.validation, covers: ['create-fields', 'validation-422-keyed', 'wrong-types-422'] }, async () => {
    const { http } = await freshApp();
    const valid = { title: 't', description: 'd', body: 'b' };
    const bad: { what: string; value: unknown }[] = [
      { what: 'missing', value: undefined },
      { what: 'empty', value: '' },
      { what: 'spaces only', value: ' \t \n ' },
      { what: 'null', value: null },
      { what: 'a number', value: 42 },
      { what: 'true', value: true },
      { what: 'an array', value: ['text'] },
      { what: 'an object', value: { text: 'b' } },
    ];
    for (const key of ['title', 'description', 'body'] as const) {
      for (const { what, value } of bad) {
        const article: Record<string, unknown> = { ...valid };
        if (value === undefined) delete article[key];
        else article[key] = value;
        const res = await http.post('/api/articles', { json: { article } });
        expect422For(res, key, `POST /api/articles with ${key} ${what} (${JSON.stringify({ article })})`, L.validation);
      }
    }
    const page = await listArticles(http, '', L.validation);
    ensure(page.articlesCount === 0, {
      expected: 'nothing was stored: every request above was refused',
      got: `"articlesCount": ${page.articlesCount}, slugs ${JSON.stringify(slugsOf(page.articles))}`,
      hint: 'validate everything before storing anything',
      lesson: L.validation,
    });
  });

  requirement('POST /api/articles answers 422 when tagList is not an array of non-blank strings', { lesson: L.validation, covers: ['create-fields', 'wrong-types-422'] }, async () => {
    const { http } = await freshApp();
    const bad: unknown[] = ['dragons', 7, true, { first: 'dragons' }, [1, 2], ['dragons', ''], ['dragons', '   '], ['dragons', null], [['dragons']], [{ name: 'dragons' }]];
    for (const tagList of bad) {
      const article = { title: 'Tagged', description: 'd', body: 'b', tagList };
      const res = await http.post('/api/articles', { json: { article } });
      expect422For(res, 'tagList', `POST /api/articles with "tagList": ${JSON.stringify(tagList)}`, L.validation);
    }
    const page = await listArticles(http, '', L.validation);
    ensure(page.articlesCount === 0, {
      expected: 'nothing was stored: every request above was refused',
      got: `"articlesCount": ${page.articlesCount}, slugs ${JSON.stringify(slugsOf(page.articles))}`,
      hint: 'validate everything before storing anything',
      lesson: L.validation,
    });
  });

  requirement('a 422 names every wrong field at once, on POST and on PUT', { lesson: L.validation, covers: ['all-problems-named', 'limits-all-reported'] }, async () => {
    const { http } = await freshApp();
    const created = await createArticle(http, { title: 'Stays as it is' });
    const at = `/api/articles/${encodeURIComponent(created.slug)}`;
    const cases: { label: string; send: () => Promise<Response>; keys: string[] }[] = [
      { label: 'POST /api/articles {"article": {"title": 42, "description": "   ", "tagList": "dragons"}}', send: () => http.post('/api/articles', { json: { article: { title: 42, description: '   ', tagList: 'dragons' } } }), keys: ['title', 'description', 'body', 'tagList'] },
      { label: 'POST /api/articles with a body of null and a title of 256 characters', send: () => http.post('/api/articles', { json: { article: { title: 'x'.repeat(256), description: 'd', body: null } } }), keys: ['title', 'body'] },
      { label: `PUT ${at} {"article": {"title": "", "description": 5, "body": [], "tagList": [1]}}`, send: () => http.put(at, { json: { article: { title: '', description: 5, body: [], tagList: [1] } } }), keys: ['title', 'description', 'body', 'tagList'] },
      { label: `PUT ${at} {"article": {"description": null, "body": "  "}}`, send: () => http.put(at, { json: { article: { description: null, body: '  ' } } }), keys: ['description', 'body'] },
    ];
    for (const c of cases) {
      const res = await c.send();
      expectStatus(res, 422, L.validation);
      const errors = expectErrorEnvelope(res, L.validation);
      const missing = c.keys.filter((k) => !(k in errors));
      ensure(missing.length === 0, {
        expected: `${c.label} answers 422 naming every wrong field: ${c.keys.join(', ')}`,
        got: `${JSON.stringify({ errors })} (missing: ${missing.join(', ')})`,
        hint: 'check every field and collect the problems in one object, then throw one ValidationError with all of them',
        lesson: L.validation,
      });
    }
  });

  requirement('a request body without the {"article": {...}} wrapper answers 422, not 500', { lesson: L.validation, covers: ['wrapper-required'] }, async () => {
    const { http } = await freshApp();
    const created = await createArticle(http, { title: 'Wrapped', description: 'As sent', body: 'Unchanged.' });
    const at = `/api/articles/${encodeURIComponent(created.slug)}`;
    const cases: { what: string; send: () => Promise<Response> }[] = [
      { what: 'POST with the fields without the wrapper', send: () => http.post('/api/articles', { json: { title: 't', description: 'd', body: 'b' } }) },
      { what: 'POST {"article": "text"}', send: () => http.post('/api/articles', { json: { article: 'text' } }) },
      { what: 'POST {"article": null}', send: () => http.post('/api/articles', { raw: '{"article": null}' }) },
      { what: 'POST {"article": [...]}', send: () => http.post('/api/articles', { json: { article: [{ title: 't' }] } }) },
      { what: 'POST with a JSON array', send: () => http.post('/api/articles', { raw: '[]' }) },
      { what: 'POST with no body at all', send: () => http.post('/api/articles') },
      { what: `PUT ${at} with the fields without the wrapper`, send: () => http.put(at, { json: { title: 'Unwrapped', body: 'Changed!' } }) },
      { what: `PUT ${at} {"article": "text"}`, send: () => http.put(at, { json: { article: 'text' } }) },
      { what: `PUT ${at} {"article": null}`, send: () => http.put(at, { raw: '{"article": null}' }) },
      { what: `PUT ${at} {"article": [...]}`, send: () => http.put(at, { json: { article: [{ body: 'Changed!' }] } }) },
      { what: `PUT ${at} with a JSON array`, send: () => http.put(at, { raw: '[{"body": "Changed!"}]' }) },
      { what: `PUT ${at} with no body at all`, send: () => http.put(at) },
    ];
    for (const c of cases) {
      const res = await c.send();
      expectStatus(
        res,
        422,
        L.validation,
        res.status === 500 ? 'req.body is undefined when no JSON came, and req.body.article may be anything: check it is an object before reading its fields' : `${c.what}: the request needs the {"article": {...}} wrapper`,
      );
      expectErrorEnvelope(res, L.validation);
    }
    const page = await listArticles(http, '', L.validation);
    const after = await http.get(at);
    const article = (after.body as { article?: Article } | undefined)?.article;
    ensure(page.articlesCount === 1 && article?.title === 'Wrapped' && article.body === 'Unchanged.' && article.updatedAt === created.updatedAt, {
      expected: `nothing stored or changed by the refused requests: one article, GET ${at} still titled "Wrapped" with the body "Unchanged."`,
      got: `"articlesCount": ${page.articlesCount}; ${describeResponse(after)}`,
      lesson: L.validation,
    });
  });

  requirement('malformed input of any kind gets a 4xx in the error envelope, never a 5xx', { lesson: L.validation , covers: ['bad-input-4xx'] }, async () => {
    const { http } = await freshApp();
    const article = await createArticle(http, { title: 'A target' });
    const at = `/api/articles/${encodeURIComponent(article.slug)}`;
    const mustRefuse: { label: string; send: () => Promise<Response> }[] = [
      { label: 'POST /api/articles with objects where strings go', send: () => http.post('/api/articles', { raw: '{"article": {"title": {"$gt": ""}, "description": [], "body": 1}}' }) },
      { label: 'POST /api/articles with tagList [{}, null, 3]', send: () => http.post('/api/articles', { json: { article: { title: 't', description: 'd', body: 'b', tagList: [{}, null, 3] } } }) },
      { label: 'POST /api/articles with a text/plain body', send: () => http.post('/api/articles', { raw: 'title=t&body=b', contentType: 'text/plain' }) },
      { label: 'POST /api/articles with cut-off JSON', send: () => http.post('/api/articles', { raw: '{"article": {"title": ' }) },
      { label: `PUT ${at} with {"article": null}`, send: () => http.put(at, { raw: '{"article": null}' }) },
      { label: `PUT ${at} with a title that is an object`, send: () => http.put(at, { json: { article: { title: { text: 'x' } } } }) },
      { label: `PUT ${at} with tagList "a,b"`, send: () => http.put(at, { json: { article: { tagList: 'a,b' } } }) },
      { label: `PUT ${at} with no body at all`, send: () => http.put(at) },
      { label: 'GET /api/articles?limit=ten', send: () => http.get('/api/articles?limit=ten') },
      { label: 'GET /api/articles/%E0%A4%A (a URL that cannot be decoded)', send: () => http.get('/api/articles/%E0%A4%A') },
      { label: 'PUT /api/articles/%E0%A4%A (a URL that cannot be decoded)', send: () => http.put('/api/articles/%E0%A4%A', { json: { article: { body: 'x' } } }) },
      { label: 'DELETE /api/articles/%E0%A4%A (a URL that cannot be decoded)', send: () => http.delete('/api/articles/%E0%A4%A') },
      { label: `PUT ${at} with a JSON string for a body`, send: () => http.put(at, { raw: '"just text"' }) },
      { label: `PUT ${at} with cut-off JSON`, send: () => http.put(at, { raw: '{"article": {"body": ' }) },
    ];
    for (const c of mustRefuse) {
      const res = await c.send();
      ensure(res.status >= 400 && res.status < 500, {
        expected: `${c.label} to be refused with a 4xx`,
        got: describeResponse(res),
        hint: res.status >= 500 ? 'a 5xx says the server broke; bad input is the client\'s mistake: check types before using values' : undefined,
        lesson: L.validation,
      });
      expectErrorEnvelope(res, L.validation);
    }
    // Repeated query parameters arrive as arrays. Refusing them or reading one value are both fine.
    const odd = ['/api/articles?limit=1&limit=2', '/api/articles?offset=1&offset=2', '/api/articles?tag=a&tag=b&author=x&author=y', '/api/articles?limit=99999999999999999999', '/api/articles?offset=99999999999999999999', '/api/articles?tag[x]=1', '/api/tags?limit=abc'];
    for (const path of odd) {
      const res = await http.get(path);
      ensure(res.status < 500, {
        expected: `GET ${path} to answer without a server error (a 200 or a 4xx)`,
        got: describeResponse(res),
        hint: 'Express turns ?tag=a&tag=b into an array: check that query values are strings before using them',
        lesson: L.validation,
      });
    }
  });
});

// ── Listing ────────────────────────────────────────────────────────────────────────────────

describe('GET /api/articles', () => {
  requirement('GET /api/articles lists the newest article first, with articlesCount', { lesson: L.list , covers: ['list-newest-first', 'list-without-body'] }, async () => {
    const { http, time } = await freshApp();
    const empty = await listArticles(http, '', L.list);
    expectPage(empty, '', [], 0, L.list);
    const [first, second, third] = await createSeries(http, time, 3, 'Chapter');
    const page = await listArticles(http, '', L.list);
    expectPage(page, '', [third, second, first], 3, L.list, 'sort by createdAt, newest first');
    ensureArticleShape(page.articles[0], 'the first item of "articles"', false, L.list);
    const withBody = page.articles.filter((a) => (a as unknown as Record<string, unknown>).body !== undefined);
    ensure(withBody.length === 0, {
      expected: 'list items without "body" (a page of previews stays small)',
      got: `${withBody.length} item(s) with a "body", e.g. ${String(JSON.stringify(withBody[0])).slice(0, 200)}`,
      hint: 'answer each list item without its body; GET /api/articles/:slug has the whole article',
      lesson: L.list,
    });
    // An edit moves updatedAt, not the article's place: "newest" is about createdAt.
    time.tick();
    const edited = await http.put(`/api/articles/${encodeURIComponent(first.slug)}`, { json: { article: { body: 'Edited later.' } } });
    expectStatus(edited, 200, L.update);
    expectPage(await listArticles(http, '', L.list), '', [third, second, first], 3, L.list, 'order by createdAt (newest first), not updatedAt: editing an old article does not make it new');
  });

  requirement('articles created in the same millisecond keep a stable order, the later one first', { lesson: L.list, covers: ['list-tiebreak'] }, async () => {
    const { http, time } = await freshApp();
    const older = await createArticle(http, { title: 'An older one' });
    time.tick();
    // Same clock instant for all four; titles in no alphabetical order, so a sort by slug or
    // title cannot pass by luck.
    const made: Article[] = [];
    for (const title of ['Mango', 'Apple', 'Zebra', 'Kiwi']) made.push(await createArticle(http, { title }));
    const newestFirst = [...made].reverse().concat(older);
    const hint = 'equal timestamps need a tiebreak: compare createdAt, then an id given in creation order (newest = highest id)';
    const page = await listArticles(http, '', L.list);
    expectPage(page, '', newestFirst, 5, L.list, hint);
    const walked: Article[] = [];
    for (let offset = 0; offset < 5; offset++) walked.push(...(await listArticles(http, `?limit=1&offset=${offset}`, L.list)).articles);
    ensure(same(slugsOf(walked), slugsOf(newestFirst)), {
      expected: `pages of one (?limit=1&offset=0, 1, … 4) give ${JSON.stringify(slugsOf(newestFirst))}, each article once`,
      got: JSON.stringify(slugsOf(walked)),
      hint,
      lesson: L.list,
    });
  });
});

describe('pagination', () => {
  requirement('limit (20 by default) and offset page through the list while articlesCount stays the total', { lesson: L.pages , covers: ['page-defaults', 'page-count-total'] }, async () => {
    const { http, time } = await freshApp();
    const made = await createSeries(http, time, 25, 'Page item');
    const newest = [...made].reverse();
    const cases: { query: string; wanted: Article[] }[] = [
      { query: '', wanted: newest.slice(0, 20) },
      { query: '?limit=2', wanted: newest.slice(0, 2) },
      { query: '?limit=2&offset=2', wanted: newest.slice(2, 4) },
      { query: '?offset=5&limit=3', wanted: newest.slice(5, 8) },
      { query: '?offset=24', wanted: newest.slice(24) },
      { query: '?offset=25', wanted: [] },
      { query: '?offset=30', wanted: [] },
      { query: '?limit=100', wanted: newest },
      { query: '?limit=1', wanted: newest.slice(0, 1) },
      { query: '?limit=1&offset=24', wanted: newest.slice(24) },
      { query: '?offset=0', wanted: newest.slice(0, 20) },
      { query: '?offset=3', wanted: newest.slice(3, 23) },
      { query: '?limit=5', wanted: newest.slice(0, 5) },
    ];
    for (const { query, wanted } of cases) {
      const page = await listArticles(http, query, L.pages);
      expectPage(page, query, wanted, 25, L.pages, 'offset counts articles to skip (not pages); articlesCount counts every match before slicing');
    }
  });

  requirement('a limit or offset that is negative, zero-sized or not a number answers 422', { lesson: L.pages, covers: ['page-params-422'] }, async () => {
    const { http } = await freshApp();
    await createArticle(http);
    const cases = [
      { query: '?limit=0', name: 'limit' },
      { query: '?limit=-1', name: 'limit' },
      { query: '?limit=abc', name: 'limit' },
      { query: '?limit=2.5', name: 'limit' },
      { query: '?limit=1e1', name: 'limit' },
      { query: '?limit=', name: 'limit' },
      { query: '?offset=-1', name: 'offset' },
      { query: '?offset=abc', name: 'offset' },
      { query: '?offset=1.5', name: 'offset' },
      { query: '?offset=1e2', name: 'offset' },
      { query: '?offset=', name: 'offset' },
      { query: '?limit=5&offset=-3', name: 'offset' },
    ];
    for (const { query, name } of cases) {
      const res = await http.get(`/api/articles${query}`);
      expectStatus(res, 422, L.pages, `refuse the value: answer 422 with {"errors": {"${name}": ["…"]}} (only digits make a whole number: not "", "2.5" or "1e2")`);
      const errors = expectErrorEnvelope(res, L.pages);
      ensure(name in errors || JSON.stringify(errors).includes(name), {
        expected: `the errors of GET /api/articles${query} name "${name}"`,
        got: JSON.stringify({ errors }),
        lesson: L.pages,
      });
    }
    const both = await http.get('/api/articles?limit=0&offset=-1');
    expectStatus(both, 422, L.pages);
    const errors = expectErrorEnvelope(both, L.pages);
    ensure('limit' in errors && 'offset' in errors, {
      expected: 'GET /api/articles?limit=0&offset=-1 names both parameters: {"errors": {"limit": […], "offset": […]}}',
      got: JSON.stringify({ errors }),
      hint: 'collect every problem of the query before answering',
      lesson: L.pages,
    });
  });

  requirement('limit=100 is the largest page: 100 is accepted, 101 and more answer 422', { lesson: L.pages, covers: ['limit-max-100'] }, async () => {
    const { http } = await freshApp();
    await createArticle(http);
    const ok = await http.get('/api/articles?limit=100');
    expectStatus(ok, 200, L.pages, 'limit=100 is the largest page, and allowed');
    for (const query of ['?limit=101', '?limit=1000', '?limit=1000000', '?limit=101&offset=0']) {
      const res = await http.get(`/api/articles${query}`);
      expect422For(res, 'limit', `GET /api/articles${query}`, L.pages);
    }
  });
});

describe('filters', () => {
  requirement('?tag= keeps only the articles with that tag, and articlesCount counts only those', { lesson: L.filters , covers: ['filter-tag', 'filter-count', 'filter-unknown-empty'] }, async () => {
    const { http, time } = await freshApp();
    const capital = await createArticle(http, { title: 'Capital Dragons', tagList: ['Dragons'] });
    time.tick();
    const dragons = await createArticle(http, { title: 'Dragons', tagList: ['training', 'dragons'] });
    time.tick();
    await createArticle(http, { title: 'Plain, no tags' });
    time.tick();
    const training = await createArticle(http, { title: 'Training', tagList: ['training'] });
    const hint = 'keep the articles whose tagList includes the tag, then count, then apply limit and offset';
    expectPage(await listArticles(http, '?tag=dragons', L.filters), '?tag=dragons', [dragons], 1, L.filters, hint);
    expectPage(await listArticles(http, '?tag=training', L.filters), '?tag=training', [training, dragons], 2, L.filters, hint);
    expectPage(await listArticles(http, '?tag=training&limit=1', L.filters), '?tag=training&limit=1', [training], 2, L.filters, hint);
    expectPage(await listArticles(http, '?tag=unused', L.filters), '?tag=unused', [], 0, L.filters, hint);
    // Tags are compared exactly: "Dragons" and "dragons" are two tags.
    expectPage(await listArticles(http, '?tag=Dragons', L.filters), '?tag=Dragons', [capital], 1, L.filters, 'the tag must equal the filter, case included: "Dragons" and "dragons" are two different tags');
    // A filter names one tag exactly: % and _ are characters of a tag, not wildcards (SQL LIKE).
    for (const pattern of ['%', 'drag%', '_ragons', 'dragon_']) {
      const query = `?tag=${encodeURIComponent(pattern)}`;
      expectPage(await listArticles(http, query, L.filters), query, [], 0, L.filters, `no article carries the tag "${pattern}": % and _ are not wildcards, the tag must equal the filter (compare with =, not LIKE)`);
    }
    const first = (await listArticles(http, '?tag=dragons', L.filters)).articles[0];
    ensure(same(first?.tagList, ['dragons', 'training']), {
      expected: 'the article in ?tag=dragons has "tagList": ["dragons", "training"]',
      got: `"tagList": ${JSON.stringify(first?.tagList)}`,
      lesson: L.filters,
    });
  });

  requirement('?author= keeps only that author\'s articles, an unknown author gives an empty list, and it combines with ?tag=', { lesson: L.filters , covers: ['filter-author', 'filter-both', 'filter-count', 'filter-unknown-empty'] }, async () => {
    const { http, time } = await freshApp();
    const older = await createArticle(http, { title: 'By the demo author', tagList: ['dragons'] });
    time.tick();
    const newer = await createArticle(http, { title: 'Also by the demo author' });
    const author = older.author?.username;
    ensure(typeof author === 'string' && author !== '', {
      expected: 'the created article names its author: "author": {"username": …}',
      got: JSON.stringify(older.author),
      lesson: L.create,
    });
    const by = `?author=${encodeURIComponent(author)}`;
    expectPage(await listArticles(http, by, L.filters), by, [newer, older], 2, L.filters);
    expectPage(
      await listArticles(http, '?author=johnjacob', L.filters),
      '?author=johnjacob',
      [],
      0,
      L.filters,
      'an author nobody has heard of is not an error: the answer is 200 with no articles',
    );
    // An author nobody has heard of, even one that looks like a LIKE pattern matching the real one.
    for (const pattern of ['%', `${author.slice(0, 2)}%`, `${author.slice(0, -1)}_`]) {
      const query = `?author=${encodeURIComponent(pattern)}`;
      expectPage(await listArticles(http, query, L.filters), query, [], 0, L.filters, `nobody is called "${pattern}": % and _ are not wildcards, the username must equal the filter (compare with =, not LIKE)`);
    }
    const both = `${by}&tag=dragons`;
    expectPage(await listArticles(http, both, L.filters), both, [older], 1, L.filters, 'filters combine with AND: both must hold');
    expectPage(await listArticles(http, '?author=johnjacob&tag=dragons', L.filters), '?author=johnjacob&tag=dragons', [], 0, L.filters, 'filters combine with AND: both must hold');
  });
});

// ── One article ────────────────────────────────────────────────────────────────────────────

describe('GET /api/articles/:slug', () => {
  requirement('GET /api/articles/:slug answers 200 with the whole article, body included, and 404 for an unknown slug', { lesson: L.read , covers: ['read-200'] }, async () => {
    const { http } = await freshApp();
    const created = await createArticle(http, { title: 'Read me', body: 'The whole text.', tagList: ['reading'] });
    const res = await http.get(`/api/articles/${encodeURIComponent(created.slug)}`);
    expectStatus(res, 200, L.read);
    expectJson(res, L.read);
    const article = (res.body as { article?: unknown } | undefined)?.article;
    ensureArticleShape(article, `the "article" of GET /api/articles/${created.slug}`, true, L.read);
    ensure(article.slug === created.slug && article.body === 'The whole text.' && article.createdAt === created.createdAt, {
      expected: `the article that was created: slug "${created.slug}", body "The whole text.", createdAt ${created.createdAt}`,
      got: describeResponse(res),
      lesson: L.read,
    });
    const missing = await http.get('/api/articles/no-such-article');
    expectStatus(missing, 404, L.read, 'an unknown slug is a missing resource: 404, in the same {"errors": {...}} envelope');
    expectErrorEnvelope(missing, L.read);
  });

  requirement('an unknown slug answers 404 in the error envelope on GET, PUT and DELETE, and changes nothing', { lesson: L.read, covers: ['unknown-slug-404'] }, async () => {
    const { http } = await freshApp();
    const created = await createArticle(http, { title: 'Read me' });
    const unknown = ['no-such-article', `${created.slug}-2`, created.slug.slice(0, -1), `${created.slug}x`];
    for (const slug of unknown) {
      const path = `/api/articles/${encodeURIComponent(slug)}`;
      const answers: [string, Response][] = [
        [`GET ${path}`, await http.get(path)],
        [`PUT ${path} {"article": {"body": "x"}}`, await http.put(path, { json: { article: { body: 'x' } } })],
        [`DELETE ${path}`, await http.delete(path)],
      ];
      for (const [label, res] of answers) {
        ensure(res.status === 404, {
          expected: `${label} answers 404 (no article has the slug "${slug}")`,
          got: describeResponse(res),
          hint: 'look the article up by its exact slug on every route, and throw NotFoundError when there is none',
          lesson: L.read,
        });
        expectErrorEnvelope(res, L.read);
      }
    }
    const after = await http.get(`/api/articles/${encodeURIComponent(created.slug)}`);
    const article = (after.body as { article?: Article } | undefined)?.article;
    const page = await listArticles(http, '', L.read);
    ensure(after.status === 200 && article?.body === created.body && article?.updatedAt === created.updatedAt && page.articlesCount === 1, {
      expected: `the one article "${created.slug}" is still there, unchanged`,
      got: `"articlesCount": ${page.articlesCount}; ${describeResponse(after)}`,
      lesson: L.read,
    });
  });
});

// ── Updating ───────────────────────────────────────────────────────────────────────────────

describe('PUT /api/articles/:slug', () => {
  requirement('PUT /api/articles/:slug changes only the fields sent and moves updatedAt, not createdAt', { lesson: L.update , covers: ['update-fields', 'update-200', 'update-timestamps'] }, async () => {
    const { http, time } = await freshApp();
    const created = await createArticle(http, { title: 'Two hands', description: 'A guide', body: 'With one hand.' });
    const createdAt = time.iso();
    time.tick(60_000);
    const sent = {
      body: 'With two hands',
      // Not editable: an update must ignore these.
      slug: 'hijacked',
      createdAt: '2000-01-01T00:00:00.000Z',
      favoritesCount: 99,
      author: { username: 'mallory' },
    };
    const path = `/api/articles/${encodeURIComponent(created.slug)}`;
    const res = await http.put(path, { json: { article: sent } });
    expectStatus(res, 200, L.update);
    const article = (res.body as { article?: unknown } | undefined)?.article;
    ensureArticleShape(article, `the "article" of PUT ${path}`, true, L.update);
    const problems: string[] = [];
    if (article.body !== 'With two hands') problems.push(`body is ${JSON.stringify(article.body)}, not "With two hands"`);
    if (article.title !== 'Two hands' || article.description !== 'A guide') problems.push(`title/description changed to ${JSON.stringify(article.title)}/${JSON.stringify(article.description)}`);
    if (article.slug !== created.slug) problems.push(`slug changed to ${JSON.stringify(article.slug)} although the title did not`);
    if (Date.parse(article.createdAt) !== Date.parse(createdAt)) problems.push(`createdAt is ${article.createdAt}, not ${createdAt}`);
    if (Date.parse(article.updatedAt) !== Date.parse(time.iso())) problems.push(`updatedAt is ${article.updatedAt}, not ${time.iso()} (the clock at the update)`);
    if (article.favoritesCount !== 0) problems.push(`favoritesCount is ${JSON.stringify(article.favoritesCount)}`);
    if (article.author?.username !== created.author.username) problems.push(`author is ${JSON.stringify(article.author?.username)}`);
    ensure(problems.length === 0, {
      expected: `PUT ${path} with {"article": {"body": "With two hands", …fields that are not editable}} changes body and updatedAt only`,
      got: problems.join('; '),
      hint: 'copy only title, description, body (and tagList) from the request; set updatedAt from clock(); leave createdAt alone',
      lesson: L.update,
    });
    // The answer must be what was saved: a GET afterwards shows the same article, updatedAt included.
    const reread = await http.get(path);
    const saved = (reread.body as { article?: Article } | undefined)?.article;
    const differs = (['slug', 'title', 'description', 'body', 'tagList', 'createdAt', 'updatedAt'] as const).filter((k) => !same(saved?.[k], article[k]));
    ensure(reread.status === 200 && differs.length === 0, {
      expected: `GET ${path} afterwards shows the article the PUT answered (body "With two hands", updatedAt ${article.updatedAt})`,
      got: reread.status === 200 ? differs.map((k) => `${k} ${JSON.stringify(saved?.[k])} (the PUT answered ${JSON.stringify(article[k])})`).join('; ') : describeResponse(reread),
      hint: 'save every change in the store, updatedAt included, and answer with what was saved',
      lesson: L.update,
    });
    const missing = await http.put('/api/articles/no-such-article', { json: { article: { body: 'x' } } });
    expectStatus(missing, 404, L.update);
    expectErrorEnvelope(missing, L.update);
  });

  requirement('a new title gives the article a new slug, and the old slug answers 404', { lesson: L.update , covers: ['update-new-slug'] }, async () => {
    const { http, time } = await freshApp();
    const created = await createArticle(http, { title: 'First draft' });
    time.tick();
    const res = await http.put(`/api/articles/${encodeURIComponent(created.slug)}`, { json: { article: { title: 'Final version' } } });
    expectStatus(res, 200, L.update);
    const article = (res.body as { article?: Article } | undefined)?.article;
    ensure(typeof article?.slug === 'string' && article.slug !== created.slug && article.slug.startsWith('final-version'), {
      expected: `after the title changes to "Final version", a slug made from it ("final-version…"), not "${created.slug}"`,
      got: describeResponse(res),
      hint: 'when the update has a title, make a new (unique) slug from it',
      lesson: L.update,
    });
    const now = await http.get(`/api/articles/${encodeURIComponent(article.slug)}`);
    ensure(now.status === 200 && (now.body as { article?: Article })?.article?.title === 'Final version', {
      expected: `GET /api/articles/${article.slug} finds the renamed article`,
      got: describeResponse(now),
      lesson: L.update,
    });
    const old = await http.get(`/api/articles/${encodeURIComponent(created.slug)}`);
    expectStatus(old, 404, L.update, 'the slug is the address: once it changes, the old one names nothing');
    const page = await listArticles(http, '', L.update);
    ensure(page.articlesCount === 1, {
      expected: 'still exactly one article after renaming it',
      got: `"articlesCount": ${page.articlesCount}, slugs ${JSON.stringify(slugsOf(page.articles))}`,
      lesson: L.update,
    });
  });

  requirement('PUT /api/articles/:slug answers 422 for a blank or wrong-typed field and changes nothing', { lesson: L.update, covers: ['update-422-changes-nothing', 'wrong-types-422'] }, async () => {
    const { http, time } = await freshApp();
    const created = await createArticle(http, { title: 'Keep me', description: 'As I am', body: 'Untouched.', tagList: ['kept'] });
    time.tick(60_000);
    const path = `/api/articles/${encodeURIComponent(created.slug)}`;
    // Each one has a valid change beside the bad field: the 422 must not apply it either.
    const cases: { what: string; article: Record<string, unknown>; key: string }[] = [
      { what: 'a new title and a blank body', article: { title: 'A brand new title', body: '  ' }, key: 'body' },
      { what: 'a new body and an empty title', article: { body: 'Changed!', title: '' }, key: 'title' },
      { what: 'a new title and a description that is a number', article: { title: 'A brand new title', description: 7 }, key: 'description' },
      { what: 'a new description and a body that is null', article: { description: 'Changed!', body: null }, key: 'body' },
      { what: 'new tags and a title that is an object', article: { tagList: ['changed'], title: { text: 'x' } }, key: 'title' },
      { what: 'a good body and a tagList that is a string', article: { body: 'Changed!', tagList: 'changed' }, key: 'tagList' },
      { what: 'a new title and a tagList with a blank tag', article: { title: 'A brand new title', tagList: ['changed', ' '] }, key: 'tagList' },
      { what: 'a new body and a description that is an array', article: { body: 'Changed!', description: ['x'] }, key: 'description' },
    ];
    for (const c of cases) {
      const res = await http.put(path, { json: { article: c.article } });
      expect422For(res, c.key, `PUT ${path} with ${c.what} (${JSON.stringify({ article: c.article })})`, L.update);
      const after = await http.get(path);
      const article = (after.body as { article?: Article } | undefined)?.article;
      const changed = (['slug', 'title', 'description', 'body', 'tagList', 'createdAt', 'updatedAt'] as const).filter((k) => !same(article?.[k], created[k]));
      ensure(after.status === 200 && changed.length === 0, {
        expected: `after the 422 for ${c.what}, GET ${path} shows the article exactly as it was (no field, no tag and no updatedAt changed)`,
        got: after.status === 200 ? `changed: ${changed.map((k) => `${k} ${JSON.stringify(created[k])} → ${JSON.stringify(article?.[k])}`).join('; ')}` : describeResponse(after),
        hint: 'validate the whole update before changing anything: one ValidationError, and only then the store',
        lesson: L.update,
      });
    }
    const renamed = await http.get('/api/articles/a-brand-new-title');
    expectStatus(renamed, 404, L.update, 'a refused update must not have given the article a new slug');
    const tags = (await http.get('/api/tags')).body as { tags?: unknown };
    ensure(same(tags?.tags, ['kept']), {
      expected: 'GET /api/tags still answers ["kept"]: no refused update added a tag',
      got: JSON.stringify(tags),
      lesson: L.update,
    });
  });
});

// ── Deleting ───────────────────────────────────────────────────────────────────────────────

describe('DELETE /api/articles/:slug', () => {
  requirement('DELETE /api/articles/:slug answers 204 with an empty body, then the article is gone', { lesson: L.remove , covers: ['delete-204', 'delete-gone'] }, async () => {
    const { http, time } = await freshApp();
    const keep = await createArticle(http, { title: 'Keep this one' });
    time.tick();
    const doomed = await createArticle(http, { title: 'Delete this one' });
    const path = `/api/articles/${encodeURIComponent(doomed.slug)}`;
    const res = await http.delete(path);
    expectStatus(res, 204, L.remove, 'a successful DELETE with nothing to say answers 204 No Content: res.status(204).end()');
    ensure((res.text ?? '') === '', {
      expected: `DELETE ${path} answers with an empty body`,
      got: describeResponse(res),
      lesson: L.remove,
    });
    const gone = await http.get(path);
    expectStatus(gone, 404, L.remove, 'remove the article from the store');
    const page = await listArticles(http, '', L.remove);
    expectPage(page, '', [keep], 1, L.remove);
    const again = await http.delete(path);
    expectStatus(again, 404, L.remove, 'deleting what is not there is a 404 (the outcome is the same, but the client should know)');
    expectErrorEnvelope(again, L.remove);
  });
});

// ── Tags ───────────────────────────────────────────────────────────────────────────────────

describe('GET /api/tags', () => {
  requirement('GET /api/tags lists every tag in use exactly once', { lesson: L.tags , covers: ['tags-in-use'] }, async () => {
    const { http } = await freshApp();
    const empty = await http.get('/api/tags');
    expectStatus(empty, 200, L.tags);
    expectJson(empty, L.tags);
    ensure(same((empty.body as { tags?: unknown })?.tags, []), {
      expected: 'GET /api/tags on a new app answers {"tags": []}',
      got: describeResponse(empty),
      lesson: L.tags,
    });
    await createArticle(http, { tagList: ['dragons', 'training'] });
    await createArticle(http, { tagList: ['training', 'cooking'] });
    await createArticle(http, { tagList: [] });
    const res = await http.get('/api/tags');
    expectStatus(res, 200, L.tags);
    const tags = (res.body as { tags?: unknown })?.tags;
    ensure(Array.isArray(tags) && tags.every((t) => typeof t === 'string'), {
      expected: 'GET /api/tags answers {"tags": ["…", …]}: an array of strings',
      got: describeResponse(res),
      lesson: L.tags,
    });
    ensure(same([...tags].sort(), ['cooking', 'dragons', 'training']), {
      expected: 'the tags cooking, dragons and training, each once (in any order)',
      got: JSON.stringify(tags),
      hint: 'collect the tags of every article into a Set, then answer an array',
      lesson: L.tags,
    });
  });

  requirement('a tag no article carries any more leaves GET /api/tags', { lesson: L.tags, covers: ['tags-unused-gone'] }, async () => {
    const { http } = await freshApp();
    const tagsNow = async (): Promise<string[]> => {
      const res = await http.get('/api/tags');
      expectStatus(res, 200, L.tags);
      const tags = (res.body as { tags?: unknown })?.tags;
      ensure(Array.isArray(tags), { expected: 'GET /api/tags answers {"tags": [...]}', got: describeResponse(res), lesson: L.tags });
      return [...(tags as string[])].sort();
    };
    const expectTags = async (wanted: string[], after: string) => {
      const got = await tagsNow();
      ensure(same(got, wanted), {
        expected: `after ${after}, GET /api/tags answers ${JSON.stringify(wanted)} (in any order)`,
        got: JSON.stringify(got),
        hint: 'work the tags out from the articles there are now (or remove a tag when its last article lets go of it)',
        lesson: L.tags,
      });
    };
    const first = await createArticle(http, { tagList: ['only-first', 'shared'] });
    const second = await createArticle(http, { tagList: ['shared', 'only-second'] });
    await expectTags(['only-first', 'only-second', 'shared'], 'creating two articles');
    await http.delete(`/api/articles/${encodeURIComponent(first.slug)}`);
    await expectTags(['only-second', 'shared'], `deleting ${first.slug}`);
    const at = `/api/articles/${encodeURIComponent(second.slug)}`;
    const changed = await http.put(at, { json: { article: { tagList: ['replacement'] } } });
    expectStatus(changed, 200, L.update);
    await expectTags(['replacement'], `PUT ${at} {"article": {"tagList": ["replacement"]}}`);
    const cleared = await http.put(at, { json: { article: { tagList: [] } } });
    expectStatus(cleared, 200, L.update);
    await expectTags([], `PUT ${at} {"article": {"tagList": []}}`);
  });
});
