/**
 * The social layer of step 05 under concurrency (only when the target has it: run.ts probes
 * GET /api/profiles/:username): one user's same favorite and follow sent many times at once,
 * favorites and unfavorites of several users interleaved on one article, follow/unfollow storms
 * between several users, an article deleted while it is being favorited, and the cached tag list
 * read while articles with new tags are created and deleted. After each burst settles, the
 * answers are compared with the tables (favoritesCount with the rows, no duplicate pair, the feed
 * with the follows, GET /api/tags with the tags the table has in use), and ETags are checked never
 * to hide a change. Racing pairs are then settled by one more answer each, so the model the
 * integrity pass uses is exact.
 */
import type { Answer, Client, Request } from './client.js';
import type { Model, UserModel } from './model.js';

export interface SocialContext {
  client: Client;
  model: Model;
  seed: number;
  /** Users with tokens (the setup's first, then others the concurrency bursts registered). */
  users: UserModel[];
  /** The integrity connection: read-only queries on the target's database. */
  query(sql: string): Promise<Record<string, unknown>[]>;
}

const PHASE = 'social';

const statuses = (answers: Answer[]) => {
  const by = new Map<string, number>();
  for (const a of answers) by.set(String(a.status), (by.get(String(a.status)) ?? 0) + 1);
  return [...by].map(([s, n]) => `${n} × ${s}`).join(', ');
};
const count = (answers: Answer[], status: number) => answers.filter((a) => a.status === status).length;
/** A value for SQL text: the suite's own slugs and usernames, quotes doubled all the same. */
const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;

export async function socialConcurrency(ctx: SocialContext): Promise<string[]> {
  const { client, model, query } = ctx;
  const problems: string[] = [];
  const tag = ctx.seed.toString(36);
  const users = ctx.users.slice(0, 6);
  const [a, b, c] = users;
  const n = async (sql: string) => Number(Object.values((await query(sql))[0] ?? {})[0] ?? 0);
  const burst = (requests: Request[]) => Promise.all(requests.map((r) => client.send(PHASE, r)));
  const one = async (r: Request) => (await burst([r]))[0];
  const expect = (what: string, answers: Answer[], allowed: number[]) => {
    const bad = answers.filter((x) => typeof x.status !== 'number' || !allowed.includes(x.status));
    for (const x of bad) x.entry.problem ??= `${what}: ${x.status} is not one of ${allowed.join(', ')} (${x.text.slice(0, 160)})`;
    if (bad.length) problems.push(`${what}: ${statuses(answers)} (allowed: ${allowed.join(', ')})`);
  };
  /** Each 200 says what the request did: favorited/following true after a POST, false after a DELETE. */
  const flags = (what: string, answers: Answer[], read: (x: Answer) => unknown) => {
    const wrong = answers.filter((x) => x.status === 200 && read(x) !== (x.entry.method === 'POST'));
    for (const x of wrong) x.entry.problem ??= `${what}: a ${x.entry.method} answered ${JSON.stringify(read(x))}`;
    if (wrong.length) problems.push(`${what}: ${wrong.length} answers with the wrong flag`);
  };
  const fav = (u: UserModel, slug: string, on: boolean): Request => ({ method: on ? 'POST' : 'DELETE', path: `/api/articles/${slug}/favorite`, token: u.token, client: u.client });
  const follow = (u: UserModel, name: string, on: boolean): Request => ({ method: on ? 'POST' : 'DELETE', path: `/api/profiles/${encodeURIComponent(name)}/follow`, token: u.token, client: u.client });
  const create = async (u: UserModel, title: string, tagList: string[] = []): Promise<string | undefined> => {
    const x = await one({ method: 'POST', path: '/api/articles', token: u.token, client: u.client, json: { article: { title, description: 'Social', body: 'Favorited at once.', tagList } } });
    expect(`create "${title}"`, [x], [201]);
    if (x.status !== 201) return undefined;
    model.saveArticle(x.json.article);
    return x.json.article.slug as string;
  };
  const favoriteRows = (slug: string) => n(`SELECT COUNT(*) AS n FROM favorites f JOIN articles a ON a.id = f.article_id WHERE a.slug = ${lit(slug)}`);
  const followRows = (from: UserModel, to: UserModel) =>
    n(`SELECT COUNT(*) AS n FROM follows w JOIN users x ON x.id = w.follower_id JOIN users y ON y.id = w.followed_id WHERE x.username = ${lit(from.username)} AND y.username = ${lit(to.username)}`);
  /** After a burst settles: the article's favoritesCount (read anonymously) is the rows it has. */
  const countMatchesRows = async (what: string, slug: string): Promise<number | undefined> => {
    const x = await one({ method: 'GET', path: `/api/articles/${slug}` });
    expect(`${what}: reading the article back`, [x], [200]);
    if (x.status !== 200) return undefined;
    const rows = await favoriteRows(slug);
    if (x.json.article.favoritesCount !== rows) {
      x.entry.problem ??= `favoritesCount ${x.json.article.favoritesCount}, ${rows} rows in favorites`;
      problems.push(`${what}: favoritesCount ${x.json.article.favoritesCount} but ${rows} rows in favorites`);
    }
    return rows;
  };
  const dupPairs = async (what: string) => {
    const fd = await n('SELECT COUNT(*) AS n FROM (SELECT user_id, article_id FROM favorites GROUP BY user_id, article_id HAVING COUNT(*) > 1) d');
    const wd = await n('SELECT COUNT(*) AS n FROM (SELECT follower_id, followed_id FROM follows GROUP BY follower_id, followed_id HAVING COUNT(*) > 1) d');
    if (fd || wd) problems.push(`${what}: ${fd} duplicated favorite pair(s), ${wd} duplicated follow pair(s)`);
  };
  if (users.length < 3) return ['social: fewer than three users to race with'];

  // 1. One user's same favorite, 16 times at once; then the same unfavorite; one row, then none.
  //    The ETag of the article read before a favorite never answers 304 after it.
  {
    const slug = await create(a, `Favorite me ${tag}`);
    if (slug) {
      const before = await one({ method: 'GET', path: `/api/articles/${slug}` });
      const etag = before.headers.etag;
      const on = await burst(Array.from({ length: 16 }, () => fav(b, slug, true)));
      expect('16 parallel favorites of one article by one user', on, [200]);
      flags('16 parallel favorites', on, (x) => x.json?.article?.favorited);
      const rows = await countMatchesRows('16 parallel favorites by one user', slug);
      if (rows !== undefined && rows !== 1) problems.push(`16 parallel favorites by one user: ${rows} rows, expected 1`);
      if (count(on, 200)) model.setFavorite(slug, b, true);
      if (etag) {
        const again = await one({ method: 'GET', path: `/api/articles/${slug}`, headers: { 'if-none-match': etag } });
        expect('the article read with the ETag it had before a favorite', [again], [200]);
        if (again.status === 200 && again.json?.article?.favoritesCount !== 1) problems.push(`the article read after a favorite: favoritesCount ${again.json?.article?.favoritesCount}, expected 1`);
      }
      const off = await burst(Array.from({ length: 16 }, () => fav(b, slug, false)));
      expect('16 parallel unfavorites of one article by one user', off, [200]);
      flags('16 parallel unfavorites', off, (x) => x.json?.article?.favorited);
      const left = await countMatchesRows('16 parallel unfavorites by one user', slug);
      if (left !== undefined && left !== 0) problems.push(`16 parallel unfavorites by one user: ${left} rows left, expected 0`);
      if (count(off, 200)) model.setFavorite(slug, b, false);
      // And favorited once more, so the integrity pass has a favorite to find.
      const last = await one(fav(b, slug, true));
      expect('one more favorite', [last], [200]);
      if (last.status === 200) model.setFavorite(slug, b, true);
    }
  }

  // 2. One user's same follow, 16 times at once (and the profile's ETag never hides it).
  {
    const before = await one({ method: 'GET', path: `/api/profiles/${encodeURIComponent(a.username)}`, token: c.token, client: c.client });
    expect('a profile read before a follow', [before], [200]);
    const on = await burst(Array.from({ length: 16 }, () => follow(c, a.username, true)));
    expect('16 parallel follows of one user by one user', on, [200]);
    flags('16 parallel follows', on, (x) => x.json?.profile?.following);
    if (count(on, 200)) model.setFollow(c, a, true);
    const rows = await followRows(c, a);
    if (rows !== 1) problems.push(`16 parallel follows by one user: ${rows} rows in follows, expected 1`);
    if (before.headers.etag) {
      const again = await one({ method: 'GET', path: `/api/profiles/${encodeURIComponent(a.username)}`, token: c.token, client: c.client, headers: { 'if-none-match': before.headers.etag } });
      expect('the profile read with the ETag it had before the follow', [again], [200]);
      if (again.status === 200 && again.json?.profile?.following !== true) problems.push('the profile read after a follow does not say following');
    }
  }

  // 3. Favorites and unfavorites of several users interleaved on one article: each answer says
  //    the article, and afterwards favoritesCount is the rows the article has.
  {
    const slug = await create(c, `Contested ${tag}`);
    if (slug) {
      const requests: Request[] = [];
      for (let k = 0; k < 8; k++) for (const u of users) requests.push(fav(u, slug, (k + users.indexOf(u)) % 2 === 0));
      const answers = await burst(requests);
      expect(`${requests.length} favorites and unfavorites of ${users.length} users interleaved on one article`, answers, [200]);
      // No flag check here: a user's own favorite and unfavorite race, and the answer shows the
      // article as read after the write, when the other one may already have run.
      const rows = await countMatchesRows('interleaved favorites and unfavorites', slug);
      if (rows !== undefined && rows > users.length) problems.push(`interleaved favorites of ${users.length} users: ${rows} rows`);
      for (const u of users) model.setFavorite(slug, u, true, { raced: true });
      // Settled: every other user ends favoriting it, the others not (one answer each, in parallel:
      // different pairs do not race).
      const settle = await burst(users.map((u, i) => fav(u, slug, i % 2 === 0)));
      expect('settling the interleaved favorites', settle, [200]);
      settle.forEach((x, i) => x.status === 200 && model.setFavorite(slug, users[i], i % 2 === 0));
      const after = await countMatchesRows('after settling the interleaved favorites', slug);
      const want = model.favoritesCount(slug);
      if (after !== undefined && after !== want.min) problems.push(`after settling the interleaved favorites: ${after} rows, expected ${want.min}`);
    }
  }

  // 4. Follow/unfollow storms: every user following and unfollowing every other at once; the
  //    profile then says what the table holds; settled, each feed is the followed authors' articles.
  {
    const requests: Request[] = [];
    const pairs: [UserModel, UserModel][] = [];
    for (const x of users) for (const y of users) if (x !== y) pairs.push([x, y]);
    for (let k = 0; k < 3; k++) for (const [x, y] of pairs) requests.push(follow(x, y.username, (k + users.indexOf(x)) % 2 === 0));
    const answers = await burst(requests);
    expect(`a storm of ${requests.length} follows and unfollows between ${users.length} users`, answers, [200]);
    flags('the follow/unfollow storm', answers, (x) => x.json?.profile?.following);
    for (const [x, y] of pairs) model.setFollow(x, y, true, { raced: true });
    await dupPairs('after the follow/unfollow storm');
    // Each profile, read by the follower, says what the table says.
    const reads = await burst(pairs.map(([x, y]) => ({ method: 'GET', path: `/api/profiles/${encodeURIComponent(y.username)}`, token: x.token, client: x.client })));
    expect('profiles read after the storm', reads, [200]);
    for (let i = 0; i < pairs.length; i++) {
      if (reads[i].status !== 200) continue;
      const rows = await followRows(pairs[i][0], pairs[i][1]);
      if (reads[i].json?.profile?.following !== rows > 0) {
        reads[i].entry.problem ??= `following ${reads[i].json?.profile?.following}, ${rows} rows in follows`;
        problems.push(`after the storm, ${pairs[i][0].username} → ${pairs[i][1].username}: following ${reads[i].json?.profile?.following} but ${rows} rows`);
      }
    }
    // Settled: a fixed pattern of follows, one answer per pair.
    const want = (x: UserModel, y: UserModel) => (users.indexOf(x) + 2 * users.indexOf(y)) % 3 !== 0;
    const settle = await burst(pairs.map(([x, y]) => follow(x, y.username, want(x, y))));
    expect('settling the follows', settle, [200]);
    settle.forEach((s, i) => s.status === 200 && model.setFollow(pairs[i][0], pairs[i][1], want(pairs[i][0], pairs[i][1])));
    const feeds = await burst(users.map((u) => ({ method: 'GET', path: '/api/articles/feed?limit=100', token: u.token, client: u.client })));
    expect('the feeds after the storm', feeds, [200]);
    for (let i = 0; i < users.length; i++) {
      const x = feeds[i];
      if (x.status !== 200) continue;
      const u = users[i];
      const rows = await n(
        `SELECT COUNT(*) AS n FROM articles a WHERE a.author_id IN (SELECT w.followed_id FROM follows w JOIN users f ON f.id = w.follower_id WHERE f.username = ${lit(u.username)})`,
      );
      const range = model.feedCount(u);
      const notFollowed = (x.json.articles as { author: { following: boolean; username: string } }[]).filter((art) => art.author.following !== true);
      if (x.json.articlesCount !== rows || rows < range.min || rows > range.max || notFollowed.length) {
        x.entry.problem ??= `articlesCount ${x.json.articlesCount}, ${rows} articles by followed authors in the tables, the model ${range.min}–${range.max}`;
        problems.push(
          `the feed of ${u.username}: articlesCount ${x.json.articlesCount}, tables ${rows}, model ${range.min === range.max ? range.min : `${range.min}–${range.max}`}${notFollowed.length ? `, ${notFollowed.length} articles of authors not followed` : ''}`,
        );
      }
    }
  }

  // 5. An article deleted while it is being favorited (and unfavorited): one delete wins, the
  //    favorites answer 200 or 404, and no favorite outlives the article.
  {
    const slug = await create(a, `Favorited to death ${tag}`);
    if (slug) {
      // Two waves: the deletes go out with the second, as soon as the first favorite is answered,
      // so some favorites find the article, and the rest race its deletion.
      const wave = (from: number) => users.flatMap((u, i) => [0, 1, 2].map((k) => fav(u, slug, (from + i + k) % 3 !== 2)));
      const first = wave(0).map((r) => client.send(PHASE, r));
      await Promise.race(first);
      const second = [
        ...wave(1).slice(0, 8),
        { method: 'DELETE', path: `/api/articles/${slug}`, token: a.token, client: a.client },
        ...wave(1).slice(8),
        { method: 'DELETE', path: `/api/articles/${slug}`, token: a.token, client: a.client },
      ].map((r) => client.send(PHASE, r));
      const answers = await Promise.all([...first, ...second]);
      const deletes = answers.filter((x) => x.entry.method === 'DELETE' && !x.entry.path.endsWith('/favorite'));
      const favs = answers.filter((x) => x.entry.path.endsWith('/favorite'));
      expect('2 deletes of an article being favorited', deletes, [204, 404]);
      expect(`${favs.length} favorites and unfavorites racing the deletion of their article`, favs, [200, 404]);
      if (count(deletes, 204) !== 1) problems.push(`2 parallel deletes of an article being favorited: ${count(deletes, 204)} × 204, expected exactly 1`);
      if (count(deletes, 204) >= 1) model.removeArticle(slug);
      const after = await one({ method: 'GET', path: `/api/articles/${slug}` });
      expect('the deleted article, read after the race', [after], [404]);
      const orphans = await n('SELECT COUNT(*) AS n FROM favorites f LEFT JOIN articles a ON a.id = f.article_id WHERE a.id IS NULL');
      if (orphans) problems.push(`favorites racing a deletion: ${orphans} favorite rows of articles that no longer exist`);
      const late = await one(fav(b, slug, true));
      expect('a favorite of the deleted article', [late], [404]);
    }
  }

  // 6. The cached tags, read while articles with new tags are created and deleted: as soon as the
  //    writes are answered, GET /api/tags is what the tables hold, and an old ETag gets a 200.
  // Four kinds of round, since any write invalidating the cache hides one that does not: creates
  // and deletes mixed; deletes only; creates only; updates that take the tags away only.
  const ROUNDS = ['creates and deletes', 'deletes', 'creates', 'tag-removing updates'] as const;
  for (let round = 0; round < ROUNDS.length; round++) {
    const kind = ROUNDS[round];
    const doomed = (await Promise.all([0, 1].map((i) => create(b, `Tagged for deletion ${tag} ${round} ${i}`, [`gone-${tag}-${round}-${i}`])))).filter((s): s is string => s !== undefined);
    const old = await one({ method: 'GET', path: '/api/tags' });
    expect('GET /api/tags before the writes', [old], [200]);
    const requests: Request[] = [];
    for (let i = 0; i < 6; i++) {
      requests.push({ method: 'GET', path: '/api/tags' });
      if (kind !== 'creates and deletes' && kind !== 'creates') continue;
      requests.push({
        method: 'POST',
        path: '/api/articles',
        token: users[i % users.length].token,
        client: users[i % users.length].client,
        json: { article: { title: `Fresh tags ${tag} ${round} ${i}`, description: 'd', body: 'b', tagList: [`fresh-${tag}-${round}-${i}`, `fresh-${tag}-${round}`] } },
      });
    }
    if (kind !== 'creates') {
      doomed.forEach((slug, i) =>
        requests.splice(
          3 + 4 * i,
          0,
          kind === 'tag-removing updates'
            ? { method: 'PUT', path: `/api/articles/${slug}`, token: b.token, client: b.client, json: { article: { tagList: [] } } }
            : { method: 'DELETE', path: `/api/articles/${slug}`, token: b.token, client: b.client },
          { method: 'GET', path: '/api/tags' },
        ),
      );
    }
    const answers = await burst(requests);
    expect(`tags round ${round + 1} (${kind}, with GET /api/tags among them)`, answers, [200, 201, 204]);
    answers.forEach((x) => (x.status === 201 || (x.status === 200 && x.entry.method === 'PUT')) && model.saveArticle(x.json.article));
    answers.forEach((x) => x.status === 204 && model.removeArticle(x.entry.path.slice('/api/articles/'.length)));
    const now = await one({ method: 'GET', path: '/api/tags', headers: old.headers.etag ? { 'if-none-match': String(old.headers.etag) } : {} });
    expect(`tags round ${round + 1} (${kind}): GET /api/tags right after the writes (with the old ETag)`, [now], [200]);
    if (now.status !== 200) continue;
    const inUse = new Set((await query('SELECT DISTINCT t.name AS name FROM tags t JOIN article_tags at ON at.tag_id = t.id')).map((r) => String(r.name)));
    const listed: string[] = Array.isArray(now.json?.tags) ? now.json.tags : [];
    const stale = listed.filter((t) => !inUse.has(t));
    const missing = inUse.size <= 100 ? [...inUse].filter((t) => !listed.includes(t)) : [];
    if (stale.length || missing.length || new Set(listed).size !== listed.length) {
      now.entry.problem ??= `stale tags: ${stale.join(', ') || 'none'}; missing: ${missing.join(', ') || 'none'}`;
      problems.push(`tags round ${round + 1} (${kind}): GET /api/tags after the writes settled lists ${stale.length} tag(s) no article has (${stale.slice(0, 4).join(', ')}) and misses ${missing.length} (${missing.slice(0, 4).join(', ')})`);
    }
  }

  await dupPairs('after the social bursts');
  return problems;
}
