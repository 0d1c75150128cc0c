/**
 * Step 05 · Performance: the same answers as the starter (its pristine copy is the oracle, on
 * the same rows), with a number of SQL statements that does not grow with the page or the data,
 * counted on the database handle the app is given (never from logs).
 */
import { afterAll, describe } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import { budget, describeResponse, ensure, requirement, type Response } from './support/index.js';
import { as, CAPS, changesRows, closeOracle, commits, countStatements, favorite, follow, freshWorld, holdBeforeStatement, holdNextStatement, insertArticles, L, label, newestSlugs, nextStatementRun, sameAnswer, writeArticle, type Person, type World } from './05-performance.shared.js';

afterAll(closeOracle);

/** Lists: at most this many statements, whatever the page size or the data. */
const LIST_CAP = CAPS.list;

interface Measured {
  path: string;
  who?: Person;
  statements: number;
}

async function measure(world: World, paths: string[], who: (Person | undefined)[]): Promise<Measured[]> {
  const out: Measured[] = [];
  for (const path of paths) {
    for (const person of who) {
      const { statements } = await sameAnswer(world, path, person);
      out.push({ path, who: person, statements });
    }
  }
  return out;
}

/** Small page on little data, then a large page on 20 times the data: never more statements, and at most the cap. */
function expectConstant(small: Measured[], large: Measured[], lesson: string, what: string, { andFollows = false } = {}): void {
  for (const [i, s] of small.entries()) {
    const l = large[i];
    ensure(s.statements <= LIST_CAP && l.statements <= s.statements, {
      expected: `${what}: the same number of SQL statements for a page of 5 among 10 articles as for a page of 100 among 200${andFollows ? ' with more users followed' : ''}, and at most ${LIST_CAP}`,
      got: `${label(s.path, s.who)} ran ${s.statements} statements; ${label(l.path, l.who)} with 200 articles${andFollows ? ' and more follows' : ''} ran ${l.statements}${l.statements > s.statements ? `: statements that grow with the page${andFollows ? ' or the follows' : ''} are queries per article or per author${andFollows ? ' or per followed user' : ''} (N+1), or a statement the small page skipped (a count or a query left out when the page is short or empty: the number must not depend on the page)` : ''}`,
      hint: 'load the page in one query (authors joined, favorite counts and the viewer’s flags as subqueries or one grouped query per kind), and the tags of all its articles in one more',
      lesson,
    });
  }
}

describe('lists', () => {
  requirement(
    'GET /api/articles answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, with or without a token and with each filter',
    { lesson: L.same, covers: ['list-statements-constant', 'same-answers'], timeout: 40_000 },
    async () => {
      const w = await freshWorld();
      const { ada, bob, cy } = w.users;
      await follow(w, ada, bob);
      await insertArticles(w, [bob, cy], 10);
      const slugs = await newestSlugs(w, 10);
      for (const slug of slugs.slice(0, 3)) await favorite(w, ada, slug);
      await favorite(w, cy, slugs[1]);
      // Favorited by bob only: ada must not see it as hers.
      await favorite(w, bob, slugs[4]);
      // Every filter on a later page too (offset 2), and the page a request without limit gets (20).
      const paths = (n: number) => [
        '/api/articles',
        `/api/articles?limit=${n}`,
        `/api/articles?limit=${n}&offset=2`,
        `/api/articles?tag=sql&limit=${n}`,
        `/api/articles?tag=sql&limit=${n}&offset=1`,
        `/api/articles?author=${bob.username}&limit=${n}&offset=2`,
        `/api/articles?favorited=${ada.username}&limit=${n}`,
        `/api/articles?favorited=${ada.username}&limit=${n}&offset=1`,
        // The filters together, and a page past the end: articlesCount is still the total.
        `/api/articles?favorited=${ada.username}&tag=sql&limit=${n}`,
        `/api/articles?favorited=${ada.username}&author=${bob.username}&limit=${n}`,
        `/api/articles?limit=${n}&offset=300`,
      ];
      // Another reader of ada's favorites (bob favorited one article of his own choosing), and a
      // user nobody has: an empty list, not the whole one.
      const others = (n: number) => [`/api/articles?favorited=${ada.username}&limit=${n}`, `/api/articles?favorited=nobody_at_all&limit=${n}`];
      const small = [...(await measure(w, paths(5), [undefined, ada])), ...(await measure(w, others(5), [bob]))];
      await insertArticles(w, [bob, cy, ada], 180, Date.UTC(2024, 1, 1));
      // The newest ten share one createdAt: only the id (newest first) orders them, in every filter.
      await insertArticles(w, [bob, cy, ada], 10, Date.UTC(2024, 2, 1), 0);
      for (const slug of (await newestSlugs(w, 12)).filter((_s, i) => i % 2 === 0)) await favorite(w, ada, slug);
      const large = [...(await measure(w, paths(100), [undefined, ada])), ...(await measure(w, others(100), [bob]))];
      expectConstant(small, large, L.same, 'GET /api/articles');
    },
  );

  requirement(
    'GET /api/articles/feed answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, following 2 users or 7',
    { lesson: L.feed, covers: ['feed-statements-constant', 'same-answers'], timeout: 40_000 },
    async () => {
      const w = await freshWorld(['ada', 'bob', 'cy', 'dee', 'eve', 'fay', 'gus', 'hal']);
      const { ada, bob, cy } = w.users;
      const others = ['dee', 'eve', 'fay', 'gus', 'hal'].map((name) => w.users[name]);
      await follow(w, ada, bob);
      await follow(w, ada, cy);
      await follow(w, cy, bob);
      // Following oneself is allowed: bob's feed is then his own articles (and only then).
      await follow(w, bob, bob);
      await insertArticles(w, [bob, cy, ada], 10);
      const slugs = await newestSlugs(w, 10);
      await favorite(w, ada, slugs[0]);
      await favorite(w, bob, slugs[0]);
      // Its pages (a later one, and the default 20), and the list's filters, which the feed does not
      // take: the starter answers them with the whole feed.
      const feedPaths = (n: number) => ['/api/articles/feed', `/api/articles/feed?limit=${n}`, `/api/articles/feed?limit=${n}&offset=2`, `/api/articles/feed?limit=${n}&tag=sql&author=${cy.username}`];
      const small = await measure(w, feedPaths(5), [ada, cy, bob]);
      await insertArticles(w, [bob, cy, ada, ...others], 190, Date.UTC(2024, 1, 1));
      for (const slug of (await newestSlugs(w, 9)).filter((_s, i) => i % 3 === 0)) await favorite(w, cy, slug);
      // More follows too: a feed that looks each followed user up on its own grows with them.
      for (const other of others) await follow(w, ada, other);
      for (const other of others.slice(0, 3)) await follow(w, cy, other);
      const large = await measure(w, feedPaths(100), [ada, cy, bob]);
      expectConstant(small, large, L.feed, 'GET /api/articles/feed', { andFollows: true });
    },
  );
});

describe('one article, one profile', () => {
  requirement(
    'GET /api/articles/:slug, /api/profiles/:username and /api/articles/:slug/comments answer exactly what the starter answers, in at most 3 statements without a token and 4 with one, however many tags, favorites and comments',
    { lesson: L.single, covers: ['single-statements-bounded', 'same-answers'], timeout: 30_000 },
    async () => {
      const w = await freshWorld();
      const { ada, bob, cy } = w.users;
      const plain = await writeArticle(w, bob);
      const busy = await writeArticle(w, bob, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
      await follow(w, ada, bob);
      for (const who of [ada, bob, cy]) await favorite(w, who, busy);
      for (const [i, who] of [ada, bob, cy, ada, bob, cy].entries()) {
        const res = await w.http.post(`/api/articles/${busy}/comments`, { ...as(who), json: { comment: { body: `Comment ${i}` } } });
        ensure(res.status === 201 || res.status === 200, { expected: 'POST /api/articles/:slug/comments adds a comment', got: describeResponse(res), lesson: L.single });
      }
      await w.http.post(`/api/articles/${plain}/comments`, { ...as(cy), json: { comment: { body: 'Only one' } } });
      // bob follows himself (the API allows it): his profile, his article and his comments show
      // following true to him alone, and he favorited his busy article too.
      await follow(w, bob, bob);
      const paths = [`/api/articles/${plain}`, `/api/articles/${busy}`, `/api/profiles/${bob.username}`, `/api/profiles/${cy.username}`, `/api/articles/${plain}/comments`, `/api/articles/${busy}/comments`];
      const reads: [string, Person | undefined][] = [
        ...paths.flatMap((path) => [undefined, ada].map((who): [string, Person | undefined] => [path, who])),
        ...[`/api/profiles/${bob.username}`, `/api/articles/${busy}`, `/api/articles/${busy}/comments`].map((path): [string, Person | undefined] => [path, bob]),
      ];
      for (const [path, who] of reads) {
        const { statements } = await sameAnswer(w, path, who, L.single);
        const cap = who ? CAPS.single.withToken : CAPS.single.anonymous;
        ensure(statements <= cap, {
          expected: `${label(path, who)}: at most ${cap} SQL statements${who ? ' (one of them finds the token’s user)' : ''}`,
          got: `${statements} statements`,
          hint: 'one query for the article (or profile, or comments) with its author and the viewer’s flags, one for the tags; not one per tag, favorite or comment',
          lesson: L.single,
        });
      }
    },
  );
});

describe('caching', () => {
  requirement(
    'GET /api/tags is answered from memory (no SQL statement) until an article is written, and right after a create, an edit of the tags or a delete it answers the new tags',
    { lesson: L.tags, covers: ['tags-cached'], timeout: 20_000 },
    async () => {
      const w = await freshWorld(['ada']);
      const { ada } = w.users;
      const first = await writeArticle(w, ada, ['dragons', 'training']);
      await sameAnswer(w, '/api/tags', undefined, L.tags);
      const { statements } = await countStatements(w.db, async () => {
        for (let i = 0; i < 3; i++) await sameAnswer(w, '/api/tags', undefined, L.tags);
      });
      ensure(statements === 0, {
        expected: 'GET /api/tags three more times, with no write in between: no SQL statement (the list comes from memory)',
        got: `${statements} statements`,
        hint: 'keep the last list in the app (created in createApp, not a module global) and forget it when an article is written',
        lesson: L.tags,
      });
      const second = await writeArticle(w, ada, ['rivers']);
      await sameAnswer(w, '/api/tags', undefined, L.tags);
      // No new tag, but "training" is now used twice: it moves to the top (most used first).
      await writeArticle(w, ada, ['training']);
      await sameAnswer(w, '/api/tags', undefined, L.tags);
      const edit = await w.http.put(`/api/articles/${second}`, { ...as(ada), json: { article: { tagList: ['lakes', 'dragons'] } } });
      ensure(edit.status === 200, { expected: 'PUT /api/articles/:slug with a new tagList answers 200', got: describeResponse(edit), lesson: L.tags });
      await sameAnswer(w, '/api/tags', undefined, L.tags);
      const removed = await w.http.delete(`/api/articles/${first}`, as(ada));
      ensure(removed.status === 204 || removed.status === 200, { expected: 'DELETE /api/articles/:slug answers 204', got: describeResponse(removed), lesson: L.tags });
      await sameAnswer(w, '/api/tags', undefined, L.tags);
    },
  );

  requirement(
    'the tags cache keeps nothing stale: a GET /api/tags that was reading while an article was written is not kept, and each app has a cache of its own',
    { lesson: L.tags, covers: ['tags-cached'], timeout: 40_000 },
    async () => {
      const w = await freshWorld(['ada']);
      const { ada } = w.users;
      // About a cache that keeps nothing stale: first, there has to be a cache.
      await writeArticle(w, ada, ['dragons']);
      await sameAnswer(w, '/api/tags', undefined, L.tags);
      const { statements } = await countStatements(w.db, () => w.http.get('/api/tags'));
      ensure(statements === 0, {
        expected: 'GET /api/tags once more, with no write in between: no SQL statement (the list comes from memory)',
        got: `${statements} statements`,
        hint: 'keep the last list in the app (created in createApp, not a module global) and forget it when an article is written',
        lesson: L.tags,
      });
      // A write just before: whatever the app keeps, the next GET /api/tags has to read.
      await writeArticle(w, ada, ['rivers']);
      const hold = holdNextStatement(w.db);
      let reading: Promise<unknown> = Promise.resolve();
      try {
        reading = w.http.get('/api/tags');
        // The read has run (it saw only "rivers") and waits; now an article with a new tag lands.
        // Waited for without a time limit (a slow machine only makes it later): the read either
        // reaches the database and is held there, or answers without a statement (a cache the
        // write of "rivers" did not empty, which the comparison below shows).
        const held = await Promise.race([hold.held, reading.then(() => false, () => false)]);
        if (!held) hold.release();
        await writeArticle(w, ada, ['lakes']);
      } finally {
        hold.release();
        await reading;
      }
      const next = await w.http.get('/api/tags');
      const expected = await w.oracle.get('/api/tags');
      ensure(next.status === expected.status && isDeepStrictEqual(next.body, expected.body), {
        expected: `GET /api/tags right after an article tagged "lakes" was written while an earlier GET /api/tags was still reading: the tags now in use, ${describeResponse(expected)}`,
        got: `${describeResponse(next)}: the list that earlier read found, kept as if it were fresh`,
        hint: 'a read that began before a write and ended after it holds the old list: give it to its own caller, but keep it only if no write happened meanwhile (a version number every write bumps, read before and compared after)',
        lesson: L.tags,
      });
      // Each write held at two moments, just before its first statement that changes a row and
      // just before its COMMIT, with a GET /api/tags sent meanwhile: that GET may answer the old
      // list, but must not keep it. A cache forgotten when the write begins, or inside its
      // transaction (a model hook), keeps it.
      const meadows = await writeArticle(w, ada, ['meadows']);
      const hills = await writeArticle(w, ada, ['hills']);
      // A create that fails stops the check as blocked (writeArticle); an edit or a delete is judged below.
      const writes: { what: string; send: () => Promise<Response | undefined> }[] = [
        { what: 'creating an article tagged "valleys"', send: () => writeArticle(w, ada, ['valleys']).then(() => undefined) },
        { what: 'creating an article tagged "peaks"', send: () => writeArticle(w, ada, ['peaks']).then(() => undefined) },
        { what: `editing ${meadows}'s tags from ["meadows"] to ["fields"]`, send: () => w.http.put(`/api/articles/${meadows}`, { ...as(ada), json: { article: { tagList: ['fields'] } } }) },
        { what: `editing ${hills}'s tags from ["hills"] to ["dunes"]`, send: () => w.http.put(`/api/articles/${hills}`, { ...as(ada), json: { article: { tagList: ['dunes'] } } }) },
        { what: `deleting ${meadows}, the only article tagged "fields"`, send: () => w.http.delete(`/api/articles/${meadows}`, as(ada)) },
        { what: `deleting ${hills}, the only article tagged "dunes"`, send: () => w.http.delete(`/api/articles/${hills}`, as(ada)) },
      ];
      for (const [i, { what, send }] of writes.entries()) {
        const moment = i % 2 === 0 ? 'just before its first statement that changes a row' : 'just before its COMMIT';
        await w.http.get('/api/tags');
        const hold = holdBeforeStatement(w.db, i % 2 === 0 ? changesRows : commits);
        let writing: Promise<Response | undefined> = Promise.resolve(undefined);
        let between: Promise<unknown> = Promise.resolve();
        try {
          writing = send();
          if (await Promise.race([hold.held, writing.then(() => false, () => false)])) {
            // Answered from memory, or read from the database: either way, once its statement
            // has run the write may go on. The pause only guards a design whose read waits for
            // the write (a pool of one connection); it decides nothing.
            const seen = nextStatementRun(w.db);
            between = w.http.get('/api/tags');
            const pause = new Promise<void>((resolve) => setTimeout(resolve, budget(1500)).unref());
            await Promise.race([seen.ran, between.then(() => undefined, () => undefined), pause]);
            seen.stop();
          }
        } finally {
          hold.release();
          await between;
        }
        const written = await writing;
        if (written) ensure(written.status < 300, { expected: `${what} succeeds (2xx)`, got: describeResponse(written), lesson: L.tags });
        const settled = await w.http.get('/api/tags');
        const inUse = await w.oracle.get('/api/tags');
        ensure(settled.status === inUse.status && isDeepStrictEqual(settled.body, inUse.body), {
          expected: `GET /api/tags after ${what}, with a GET /api/tags sent while that write was held ${moment}: the tags now in use, ${describeResponse(inUse)}`,
          got: `${describeResponse(settled)}: the list read while the write was under way, kept after it committed`,
          hint: 'forget the list once the write has committed (after the transaction, or in its afterCommit hook), not when it begins nor inside it: a read in between sees the old tags and keeps them',
          lesson: L.tags,
        });
      }
      // A second app, on the same database emptied: it has served no tags yet, so it must read them.
      const v = await freshWorld(['bob']);
      const other = await v.http.get('/api/tags');
      const none = await v.oracle.get('/api/tags');
      ensure(other.status === none.status && isDeepStrictEqual(other.body, none.body), {
        expected: `a second app (createApp called again) on the emptied database: GET /api/tags answers what the database holds, ${describeResponse(none)}`,
        got: `${describeResponse(other)}: the first app's tags`,
        hint: 'make the cache in createApp (or in a service it creates), not in a module-level variable that every app of the process shares',
        lesson: L.tags,
      });
    },
  );
});
