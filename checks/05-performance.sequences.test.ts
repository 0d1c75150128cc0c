/**
 * Step 05 · Performance: seeded random sequences of social writes and reads, every answer
 * compared with the pristine starter's on the same rows, every read held to its statement cap.
 * The starter is the model: whatever it answers is what the lesson calls "the same answers".
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { afterAll } from 'vitest';
import { describeResponse, ensure, recording, sequenceRequirement, type RecordingHttp, type Response } from './support/index.js';
import { CAPS, closeOracle, countStatements, firstDifference, freshWorld, L, type Person, type World } from './05-performance.shared.js';

afterAll(closeOracle);

const NAMES = ['ada', 'bob', 'cy'] as const;
const TAGS = ['rivers', 'lakes', 'dragons'] as const;

type Who = 0 | 1 | 2;
type Reader = Who | 3; // 3: anonymous
type Op =
  | { kind: 'write'; who: Who; tags: string[] }
  | { kind: 'edit'; target: number; tags: string[] }
  | { kind: 'favorite' | 'unfavorite' | 'comment'; who: Who; target: number }
  | { kind: 'follow' | 'unfollow'; who: Who; whom: Who | 3 }
  | { kind: 'read'; who: Reader; what: 'list' | 'feed' | 'article' | 'profile' | 'comments' | 'tags' | 'tag' | 'author' | 'favorited'; target: number; limit: 1 | 2 | 20; offset: 0 | 1 | 2 };

const who = fc.constantFrom<Who>(0, 1, 2);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('write' as const), who, tags: fc.subarray([...TAGS]) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('edit' as const), target: fc.nat(5), tags: fc.subarray([...TAGS]) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('favorite' as const, 'unfavorite' as const, 'comment' as const), who, target: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('follow' as const, 'unfollow' as const), who, whom: fc.constantFrom<Who | 3>(0, 1, 2, 3) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('read' as const),
      who: fc.constantFrom<Reader>(0, 1, 2, 3),
      what: fc.constantFrom('list' as const, 'feed' as const, 'article' as const, 'profile' as const, 'comments' as const, 'tags' as const, 'tag' as const, 'author' as const, 'favorited' as const),
      target: fc.nat(5),
      limit: fc.constantFrom<1 | 2 | 20>(1, 2, 20),
      offset: fc.constantFrom<0 | 1 | 2>(0, 1, 2),
    }),
  },
);

interface Sut {
  http: RecordingHttp;
  world: World;
  people: Person[];
  /** The two articles every sequence starts with (bob's), so that lists have rows from the first read. */
  initial: string[];
  /** False once a newer sequence started: a sequence fast-check gave up on (out of time) stops here. */
  alive: boolean;
}
interface Model {
  slugs: string[];
  /** Who wrote each of them (the two initial articles are bob's). */
  authors: Record<string, Who>;
}

const tokenOf = (p: Person | undefined) => (p ? { Authorization: `Token ${p.token}` } : undefined);
const oracleTokenOf = (p: Person | undefined) => (p ? { Authorization: `Token ${p.oracleToken}` } : undefined);
/** An article of the sequence by number; one past the end is an unknown slug (a 404 to compare too). */
const pick = (slugs: string[], n: number) => (n % (slugs.length + 1) === slugs.length ? 'no-such-article' : slugs[n % (slugs.length + 1)]);

/** A read's statement cap: lists and the feed 8, one article, profile or comment list 4 (3 anonymous). */
const capOf = (path: string, anonymous: boolean) => (/^\/api\/articles(\/feed)?(\?|$)/.test(path) ? CAPS.list : anonymous ? CAPS.single.anonymous : CAPS.single.withToken);

function expectSame(got: Response, expected: Response, what: string): void {
  ensure(got.status === expected.status && isDeepStrictEqual(got.body, expected.body), {
    expected: `${what}: what the starter answers on the same data, ${describeResponse(expected)}`,
    got: describeResponse(got),
    hint: firstDifference(expected.body, got.body),
    lesson: L.same,
  });
}

async function read(sut: Sut, path: string, reader: Person | undefined): Promise<void> {
  const headers = tokenOf(reader);
  const { result: got, statements } = await countStatements(sut.world.db, () => sut.http.get(path, headers ? { headers } : {}));
  const oracleHeaders = oracleTokenOf(reader);
  const expected = await sut.world.oracle.get(path, oracleHeaders ? { headers: oracleHeaders } : {});
  const what = `GET ${path}${reader ? ` as ${reader.username}` : ''}`;
  expectSame(got, expected, what);
  const cap = capOf(path, !reader);
  ensure(statements <= cap, { expected: `${what}: at most ${cap} SQL statements`, got: `${statements} statements`, lesson: L.same });
}

let shared: Promise<World> | undefined;
let current: Sut | undefined;
let inFlight = 0;
let starting: Promise<unknown> = Promise.resolve();

/** Deletes every article (favorites, comments and tag links go with them) and every follow. */
async function clean({ world, people }: Sut): Promise<void> {
  const byName = new Map(people.map((p) => [p.username, p]));
  for (;;) {
    const res = await world.http.get('/api/articles?limit=100');
    const articles = (res.body as { articles?: { slug: string; author: { username: string } }[] }).articles ?? [];
    if (articles.length === 0) break;
    for (const a of articles) {
      const owner = byName.get(a.author.username);
      const gone = await world.http.delete(`/api/articles/${a.slug}`, owner ? { headers: tokenOf(owner) } : {});
      ensure(gone.status === 204 || gone.status === 200, { expected: `DELETE /api/articles/${a.slug} by its author, to start the next sequence: 204`, got: describeResponse(gone), lesson: L.same });
    }
  }
  for (const a of people) for (const b of people) await world.http.delete(`/api/profiles/${b.username}/follow`, { headers: tokenOf(a) });
}

/** A sequence's start: bob's two articles, bob following himself, nothing else left of the last sequence. */
async function startSequence(): Promise<Sut> {
  // One app and three users for every sequence (registering is bcrypt: slow on purpose); each
  // sequence starts from bob's two articles and no follows, the rest undone through the API so
  // that every cache the app keeps hears of it.
  shared ??= freshWorld([...NAMES]);
  const world = await shared;
  if (current) current.alive = false;
  while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const sut: Sut = { http: recording(world.app), world, people: NAMES.map((n) => world.users[n]), initial: [], alive: true };
  current = sut;
  await clean(sut);
  const bob = sut.people[1];
  for (const tags of [['rivers'], ['lakes', 'dragons']]) {
    const res = await world.http.post('/api/articles', { headers: tokenOf(bob), json: { article: { title: `Start ${tags[0]}`, description: 'd', body: 'b', tagList: tags } } });
    ensure(res.status === 201, { expected: 'POST /api/articles answers 201 (the two articles every sequence starts with)', got: describeResponse(res), lesson: L.same });
    sut.initial.push(String((res.body as { article: { slug: string } }).article.slug));
  }
  // The API lets a user follow themselves: then their own articles, comments and profile show
  // following true to them, in every answer (the ones to their writes too).
  const self = await world.http.post(`/api/profiles/${bob.username}/follow`, { headers: tokenOf(bob) });
  ensure(self.status === 200, { expected: `POST /api/profiles/${bob.username}/follow as ${bob.username} answers 200 (following oneself, as every sequence starts)`, got: describeResponse(self), lesson: L.same });
  return sut;
}

sequenceRequirement<Op, Model, Sut>(
  'any sequence of articles, favorites, follows, comments and reads answers exactly what the starter answers, each read within its statement cap',
  { lesson: L.same, covers: ['same-answers'], timeout: 60_000 },
  {
    op,
    maxOps: 12,
    runs: 12,
    model: () => ({ slugs: [], authors: {} }),
    start() {
      // One start at a time: a sequence fast-check gave up on (out of time) may still be starting.
      const next = starting.then(startSequence);
      starting = next.catch(() => undefined);
      return next;
    },
    async apply(o, model, sut) {
      if (!sut.alive) throw new Error('a newer sequence has started');
      inFlight += 1;
      try {
        await applyOne(o, model, sut);
      } finally {
        inFlight -= 1;
      }
    },
  },
);

/** One operation on the app under test, compared with the starter's answer. */
async function applyOne(o: Op, model: Model, sut: Sut): Promise<void> {
  const person = 'who' in o && o.who !== 3 ? sut.people[o.who] : undefined;
  switch (o.kind) {
    case 'write': {
      const res = await sut.http.post('/api/articles', { headers: tokenOf(person), json: { article: { title: `Fast ${model.slugs.length}`, description: 'd', body: 'b', tagList: o.tags } } });
      ensure(res.status === 201, { expected: 'POST /api/articles answers 201', got: describeResponse(res), lesson: L.same });
      const slug = String((res.body as { article: { slug: string } }).article.slug);
      model.slugs.push(slug);
      model.authors[slug] = o.who;
      expectSame(res, Object.assign(await sut.world.oracle.get(`/api/articles/${slug}`, { headers: oracleTokenOf(person) }), { status: 201 }), `POST /api/articles as ${person?.username}`);
      return;
    }
    case 'edit': {
      // By its author (bob for the two initial articles): the answer is the article as they now read it.
      const slug = pick([...sut.initial, ...model.slugs], o.target);
      const editor = sut.people[model.authors[slug] ?? 1];
      const path = `/api/articles/${slug}`;
      const res = await sut.http.put(path, { headers: tokenOf(editor), json: { article: { body: `Edited ${o.target}`, tagList: o.tags } } });
      if (slug === 'no-such-article') {
        ensure(res.status === 404, { expected: `PUT ${path}: 404 (no such article)`, got: describeResponse(res), lesson: L.same });
        return;
      }
      expectSame(res, await sut.world.oracle.get(path, { headers: oracleTokenOf(editor) }), `PUT ${path} as ${editor.username} (compared with the article as they now see it)`);
      return;
    }
    case 'favorite':
    case 'unfavorite': {
      const slug = pick([...sut.initial, ...model.slugs], o.target);
      const path = `/api/articles/${slug}/favorite`;
      const res = o.kind === 'favorite' ? await sut.http.post(path, { headers: tokenOf(person) }) : await sut.http.delete(path, { headers: tokenOf(person) });
      expectSame(res, await sut.world.oracle.get(`/api/articles/${slug}`, { headers: oracleTokenOf(person) }), `${o.kind === 'favorite' ? 'POST' : 'DELETE'} ${path} as ${person?.username} (compared with the article as they now see it)`);
      return;
    }
    case 'comment': {
      const slug = pick([...sut.initial, ...model.slugs], o.target);
      const res = await sut.http.post(`/api/articles/${slug}/comments`, { headers: tokenOf(person), json: { comment: { body: 'Noted' } } });
      const known = slug !== 'no-such-article';
      ensure(known ? res.status === 201 : res.status === 404, { expected: known ? `POST /api/articles/${slug}/comments answers 201` : 'a comment on an unknown article: 404', got: describeResponse(res), lesson: L.same });
      if (!known) return;
      // The new comment as its author now reads it in the list (author.following included).
      const id = (res.body as { comment?: { id?: unknown } } | undefined)?.comment?.id;
      const listed = await sut.world.oracle.get(`/api/articles/${slug}/comments`, { headers: oracleTokenOf(person) });
      const comment = ((listed.body as { comments?: { id: unknown }[] } | undefined)?.comments ?? []).find((c) => c.id === id);
      expectSame(res, Object.assign(listed, { status: 201, body: { comment }, text: JSON.stringify({ comment }) }), `POST /api/articles/${slug}/comments as ${person?.username} (compared with that comment in the list as they now see it)`);
      return;
    }
    case 'follow':
    case 'unfollow': {
      const username = o.whom === 3 ? 'nobody_here' : sut.people[o.whom].username;
      const path = `/api/profiles/${username}/follow`;
      const res = o.kind === 'follow' ? await sut.http.post(path, { headers: tokenOf(person) }) : await sut.http.delete(path, { headers: tokenOf(person) });
      expectSame(res, await sut.world.oracle.get(`/api/profiles/${username}`, { headers: oracleTokenOf(person) }), `${o.kind === 'follow' ? 'POST' : 'DELETE'} ${path} as ${person?.username} (compared with the profile as they now see it)`);
      return;
    }
    case 'read': {
      const slug = pick([...sut.initial, ...model.slugs], o.target);
      const someone = sut.people[o.target % sut.people.length];
      // Every list on any of its first pages; the feed given the list's filters too, which it ignores.
      const page = `limit=${o.limit}&offset=${o.offset}`;
      const paths = {
        list: `/api/articles?${page}`,
        feed: o.target % 2 === 0 ? `/api/articles/feed?${page}` : `/api/articles/feed?${page}&tag=${TAGS[o.target % TAGS.length]}&author=${someone.username}`,
        article: `/api/articles/${slug}`,
        profile: `/api/profiles/${someone.username}`,
        comments: `/api/articles/${slug}/comments`,
        tags: '/api/tags',
        tag: `/api/articles?tag=${TAGS[o.target % TAGS.length]}&${page}`,
        author: o.offset === 0 ? `/api/articles?author=${someone.username}` : `/api/articles?author=${someone.username}&${page}`,
        favorited: `/api/articles?favorited=${someone.username}&${page}`,
      };
      await read(sut, paths[o.what], o.who === 3 ? undefined : sut.people[o.who]);
      return;
    }
  }
}
