/**
 * After the load: the tables against the model (built from successful answers only), the
 * constraints no answer shows (duplicates, orphans), the server still answering, and on SQLite
 * where /proc exists, no file handles left open on the database by the writes.
 */
import type { Client } from './client.js';
import type { Model } from './model.js';
import { sqliteHandles, type Target } from './target.js';

export interface Finding {
  name: string;
  ok: boolean;
  detail: string;
}

const list = (items: unknown[], max = 8) => (items.length > max ? `${items.slice(0, max).join(', ')}, … (${items.length} in all)` : items.join(', '));

export async function integrity(target: Target, client: Client, model: Model, handlesBefore: number | undefined, { social = false } = {}): Promise<Finding[]> {
  const findings: Finding[] = [];
  const add = (name: string, ok: boolean, detail: string) => findings.push({ name, ok, detail });
  const q = target.query;
  const n = async (sql: string) => Number(Object.values((await q(sql))[0] ?? {})[0] ?? 0);

  // The server still answers, and its own view agrees.
  const health = await client.send('integrity', { method: 'GET', path: '/health' });
  add('server still answers GET /health', health.status === 200, `status ${health.status}`);
  const page = await client.send('integrity', { method: 'GET', path: '/api/articles?limit=1' });
  add('GET /api/articles counts every article', page.status === 200 && page.json?.articlesCount === model.articles.size, `articlesCount ${page.json?.articlesCount}, model ${model.articles.size} (status ${page.status})`);
  // Users: one row per 201, no duplicate username or email (case-insensitively).
  const users = await n('SELECT COUNT(*) AS n FROM users');
  add('users: one row per registration answered 201', users === model.users.length, `${users} rows, ${model.users.length} registrations answered 201`);
  const dupNames = await q('SELECT LOWER(username) AS v, COUNT(*) AS n FROM users GROUP BY LOWER(username) HAVING COUNT(*) > 1');
  add('users: no duplicate usernames', dupNames.length === 0, dupNames.length ? list(dupNames.map((r) => `${r.v} × ${r.n}`)) : 'none');
  const dupEmails = await q('SELECT LOWER(email) AS v, COUNT(*) AS n FROM users GROUP BY LOWER(email) HAVING COUNT(*) > 1');
  add('users: no duplicate emails', dupEmails.length === 0, dupEmails.length ? list(dupEmails.map((r) => `${r.v} × ${r.n}`)) : 'none');
  const names = new Set((await q('SELECT username FROM users')).map((r) => String(r.username)));
  const missingUsers = model.users.filter((u) => !names.has(u.username)).map((u) => u.username);
  add('users: every username an answer gave is stored', missingUsers.length === 0, missingUsers.length ? `missing ${list(missingUsers)}` : `${names.size} usernames`);

  // Articles: exactly the slugs answered (201 or 200) and not deleted (204).
  const slugRows = (await q('SELECT slug FROM articles')).map((r) => String(r.slug));
  const stored = new Set(slugRows);
  const expected = new Set(model.slugs());
  const lost = [...expected].filter((s) => !stored.has(s));
  const extra = [...stored].filter((s) => !expected.has(s));
  add('articles: every article answered 201 and not deleted is stored (none lost)', lost.length === 0, lost.length ? `lost ${list(lost)}` : `${expected.size} articles`);
  add('articles: no row without a successful answer (none duplicated or resurrected)', extra.length === 0, extra.length ? `extra ${list(extra)}` : 'none');
  add('articles: no duplicate slugs', slugRows.length === stored.size, `${slugRows.length} rows, ${stored.size} distinct slugs`);

  // Tags: each article's tags are the ones its last successful write sent; no duplicate tags or links.
  const links = await q('SELECT a.slug AS slug, t.name AS name FROM article_tags at JOIN articles a ON a.id = at.article_id JOIN tags t ON t.id = at.tag_id');
  const tagsOf = new Map<string, string[]>();
  for (const r of links) (tagsOf.get(String(r.slug)) ?? tagsOf.set(String(r.slug), []).get(String(r.slug))!).push(String(r.name));
  const wrongTags: string[] = [];
  for (const [slug, article] of model.articles) {
    const got = JSON.stringify([...(tagsOf.get(slug) ?? [])].sort());
    if (!article.tagCandidates.some((c) => JSON.stringify(c) === got)) wrongTags.push(`${slug}: ${got}, expected ${article.tagCandidates.map((c) => JSON.stringify(c)).join(' or ')}`);
  }
  add('article_tags: each article has the tags of its last successful write (none lost)', wrongTags.length === 0, wrongTags.length ? list(wrongTags, 4) : `${links.length} links`);
  // The tags in use are those of the articles that exist (a tag row no article uses may stay, by
  // design, but it is not listed); /api/tags lists at most 100 of them, each once.
  const tags = await client.send('integrity', { method: 'GET', path: '/api/tags' });
  const inUse = new Set<string>();
  for (const [slug, a] of model.articles) {
    // Of racing updates, the one that won: what the table holds, when it is one of them.
    const stored = [...(tagsOf.get(slug) ?? [])].sort();
    const won = a.tagCandidates.find((c) => JSON.stringify(c) === JSON.stringify(stored)) ?? a.tagCandidates[0] ?? [];
    won.forEach((t) => inUse.add(t));
  }
  const listed: string[] = Array.isArray(tags.json?.tags) ? tags.json.tags : [];
  const notInUse = listed.filter((t) => !inUse.has(t));
  const unlisted = inUse.size > 100 ? [] : [...inUse].filter((t) => !listed.includes(t));
  add(
    'GET /api/tags lists the tags in use, each once',
    tags.status === 200 && new Set(listed).size === listed.length && notInUse.length === 0 && unlisted.length === 0,
    `status ${tags.status}, ${listed.length} listed${notInUse.length ? `, not in use: ${list(notInUse)}` : ''}${unlisted.length ? `, in use but not listed: ${list(unlisted)}` : ''}`,
  );

  const dupTags = await q('SELECT name AS v, COUNT(*) AS n FROM tags GROUP BY name HAVING COUNT(*) > 1');
  add('tags: no duplicate names', dupTags.length === 0, dupTags.length ? list(dupTags.map((r) => `${r.v} × ${r.n}`)) : 'none');
  const dupLinks = await n('SELECT COUNT(*) AS n FROM (SELECT article_id, tag_id FROM article_tags GROUP BY article_id, tag_id HAVING COUNT(*) > 1) d');
  add('article_tags: no duplicate links', dupLinks === 0, `${dupLinks} duplicated`);
  const orphanLinks = await n('SELECT COUNT(*) AS n FROM article_tags at LEFT JOIN articles a ON a.id = at.article_id LEFT JOIN tags t ON t.id = at.tag_id WHERE a.id IS NULL OR t.id IS NULL');
  add('article_tags: no orphaned links', orphanLinks === 0, `${orphanLinks} orphaned`);

  // Comments: exactly the ids answered 201, minus the 204s and the deleted articles' comments.
  const commentRows = (await q('SELECT id FROM comments')).map((r) => Number(r.id));
  const wanted = model.commentIds();
  const have = new Set(commentRows);
  const lostComments = [...wanted].filter((id) => !have.has(id));
  const extraComments = commentRows.filter((id) => !wanted.has(id));
  add('comments: every comment answered 201 and not deleted is stored', lostComments.length === 0, lostComments.length ? `lost ${list(lostComments)}` : `${wanted.size} comments`);
  add('comments: no row without a successful answer (deleted ones and their article\'s are gone)', extraComments.length === 0, extraComments.length ? `extra ${list(extraComments)}` : 'none');
  const orphanComments = await n('SELECT COUNT(*) AS n FROM comments c LEFT JOIN articles a ON a.id = c.article_id LEFT JOIN users u ON u.id = c.author_id WHERE a.id IS NULL OR u.id IS NULL');
  add('comments: no orphans (article and author exist)', orphanComments === 0, `${orphanComments} orphaned`);
  const orphanArticles = await n('SELECT COUNT(*) AS n FROM articles a LEFT JOIN users u ON u.id = a.author_id WHERE u.id IS NULL');
  add('articles: no orphans (author exists)', orphanArticles === 0, `${orphanArticles} orphaned`);

  if (social) await socialIntegrity(client, model, q, n, add);

  // File handles: the writer connection and the shared one, not one more per transaction.
  const handlesAfter = sqliteHandles(target);
  if (handlesAfter !== undefined && handlesBefore !== undefined) {
    add('sqlite: no file handles leaked', handlesAfter <= Math.max(handlesBefore, 1) + 4, `${handlesBefore} handles on the database files before the load, ${handlesAfter} after`);
  }

  // An unhandled error in the log is a bug even if it was answered with a 4xx.
  add('server log: no unhandled errors', target.errors.length === 0, target.errors.length ? list(target.errors.map((l) => l.slice(0, 900)), 3) : 'none');
  return findings;
}

type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/**
 * Step 05's social layer: the favorites and follows tables against the model (every 200 of a
 * favorite or follow not undone since), no duplicate pair, no orphan, and the API's counts and
 * flags against the tables: favoritesCount of every article, favorited and following as the
 * first users see them, each profile's following, each feed's and each ?favorited= list's count.
 */
async function socialIntegrity(client: Client, model: Model, q: Query, n: (sql: string) => Promise<number>, add: (name: string, ok: boolean, detail: string) => void): Promise<void> {
  const get = (path: string, token?: string) => client.send('integrity', { method: 'GET', path, token });
  const idOf = new Map<string, number>();
  const nameOf = new Map<number, string>();
  for (const r of await q('SELECT id, username FROM users')) {
    idOf.set(String(r.username), Number(r.id));
    nameOf.set(Number(r.id), String(r.username));
  }
  const favRows = (await q('SELECT f.user_id AS u, a.slug AS slug FROM favorites f JOIN articles a ON a.id = f.article_id')).map((r) => ({ user: Number(r.u), slug: String(r.slug) }));
  const followRows = (await q('SELECT follower_id AS x, followed_id AS y FROM follows')).map((r) => ({ x: Number(r.x), y: Number(r.y) }));

  const dupFavs = await n('SELECT COUNT(*) AS n FROM (SELECT user_id, article_id FROM favorites GROUP BY user_id, article_id HAVING COUNT(*) > 1) d');
  add('favorites: no duplicate (user, article) pairs', dupFavs === 0, `${dupFavs} duplicated`);
  const dupFollows = await n('SELECT COUNT(*) AS n FROM (SELECT follower_id, followed_id FROM follows GROUP BY follower_id, followed_id HAVING COUNT(*) > 1) d');
  add('follows: no duplicate (follower, followed) pairs', dupFollows === 0, `${dupFollows} duplicated`);
  const orphanFavs = await n('SELECT COUNT(*) AS n FROM favorites f LEFT JOIN articles a ON a.id = f.article_id LEFT JOIN users u ON u.id = f.user_id WHERE a.id IS NULL OR u.id IS NULL');
  add('favorites: no orphans (article and user exist; a deleted article takes its favorites)', orphanFavs === 0, `${orphanFavs} orphaned`);
  const orphanFollows = await n('SELECT COUNT(*) AS n FROM follows w LEFT JOIN users x ON x.id = w.follower_id LEFT JOIN users y ON y.id = w.followed_id WHERE x.id IS NULL OR y.id IS NULL');
  add('follows: no orphans', orphanFollows === 0, `${orphanFollows} orphaned`);

  // The tables against the model: a sure pair is there exactly when the model says so.
  const favWrong: string[] = [];
  const favSet = new Set(favRows.map((r) => `${r.user} ${r.slug}`));
  for (const [slug, article] of model.articles) {
    for (const u of model.users) {
      const want = model.hasFavorited(slug, u);
      if (want === 'unsure') continue;
      const id = idOf.get(u.username);
      const have = id !== undefined && favSet.has(`${id} ${slug}`);
      if (have !== want) favWrong.push(`${u.username} ${want ? 'favorited' : 'did not favorite'} ${slug}, the table says ${have ? 'so' : 'not'}`);
    }
    void article;
  }
  const modelIds = new Set(model.users.map((u) => idOf.get(u.username)));
  const favExtra = favRows.filter((r) => !model.articles.has(r.slug) || !modelIds.has(r.user));
  add(
    'favorites: every favorite answered 200 and not undone is stored, and no other',
    favWrong.length === 0 && favExtra.length === 0,
    favWrong.length || favExtra.length ? list([...favWrong, ...favExtra.map((r) => `extra row ${nameOf.get(r.user)} → ${r.slug}`)], 4) : `${favRows.length} rows`,
  );
  const followWrong: string[] = [];
  const followSet = new Set(followRows.map((r) => `${r.x} ${r.y}`));
  for (const x of model.users) {
    for (const y of model.users) {
      const want = model.isFollowing(x, y);
      if (want === 'unsure') continue;
      const have = followSet.has(`${idOf.get(x.username)} ${idOf.get(y.username)}`);
      if (have !== want) followWrong.push(`${x.username} → ${y.username}: model ${want}, table ${have}`);
    }
  }
  const followExtra = followRows.filter((r) => !modelIds.has(r.x) || !modelIds.has(r.y));
  add(
    'follows: every follow answered 200 and not undone is stored, and no other',
    followWrong.length === 0 && followExtra.length === 0,
    followWrong.length || followExtra.length ? list([...followWrong, ...followExtra.map((r) => `extra row ${nameOf.get(r.x)} → ${nameOf.get(r.y)}`)], 4) : `${followRows.length} rows`,
  );

  // The API against the tables: every article's favoritesCount, and the first user's flags.
  const viewer = model.users[0];
  const viewerId = idOf.get(viewer?.username ?? '');
  const countOf = new Map<string, number>();
  for (const r of favRows) countOf.set(r.slug, (countOf.get(r.slug) ?? 0) + 1);
  const wrongCounts: string[] = [];
  const wrongFlags: string[] = [];
  let seen = 0;
  let statusProblem = '';
  for (let offset = 0; offset < model.articles.size + 100 && offset < 2000; offset += 100) {
    const page = await get(`/api/articles?limit=100&offset=${offset}`, viewer?.token);
    if (page.status !== 200 || !Array.isArray(page.json?.articles)) {
      statusProblem = `GET /api/articles?offset=${offset} answered ${page.status}`;
      break;
    }
    for (const art of page.json.articles as { slug: string; favorited: boolean; favoritesCount: number; author: { username: string; following: boolean } }[]) {
      seen++;
      if (art.favoritesCount !== (countOf.get(art.slug) ?? 0)) wrongCounts.push(`${art.slug}: favoritesCount ${art.favoritesCount}, ${countOf.get(art.slug) ?? 0} rows`);
      const favorited = viewerId !== undefined && favSet.has(`${viewerId} ${art.slug}`);
      if (art.favorited !== favorited) wrongFlags.push(`${art.slug}: favorited ${art.favorited}, table ${favorited}`);
      const following = viewerId !== undefined && followSet.has(`${viewerId} ${idOf.get(art.author.username) ?? -1}`);
      if (art.author.following !== following) wrongFlags.push(`${art.slug}: author.following ${art.author.following}, table ${following}`);
    }
    if (page.json.articles.length < 100) break;
  }
  add('GET /api/articles: every favoritesCount is the rows in favorites', !statusProblem && wrongCounts.length === 0, statusProblem || (wrongCounts.length ? list(wrongCounts, 4) : `${seen} articles read`));
  add(`GET /api/articles as ${viewer?.username}: favorited and author.following are the tables'`, !statusProblem && wrongFlags.length === 0, statusProblem || (wrongFlags.length ? list(wrongFlags, 4) : `${seen} articles read`));

  // Profiles, feeds and ?favorited= lists of the first users.
  const few = model.users.slice(0, 6);
  const wrongProfiles: string[] = [];
  for (const x of few) {
    for (const y of few) {
      const p = await get(`/api/profiles/${encodeURIComponent(y.username)}`, x.token);
      const want = followSet.has(`${idOf.get(x.username)} ${idOf.get(y.username)}`);
      if (p.status !== 200 || p.json?.profile?.following !== want) wrongProfiles.push(`${x.username} reads ${y.username}: ${p.status} following ${p.json?.profile?.following}, table ${want}`);
    }
  }
  add(`GET /api/profiles/:username: following is the table's (${few.length} × ${few.length} reads)`, wrongProfiles.length === 0, wrongProfiles.length ? list(wrongProfiles, 4) : 'all agree');
  const wrongFeeds: string[] = [];
  const wrongLists: string[] = [];
  for (const u of few) {
    const id = idOf.get(u.username);
    const followed = new Set(followRows.filter((r) => r.x === id).map((r) => nameOf.get(r.y)));
    const feedWant = [...model.articles.values()].filter((a) => followed.has(a.author)).length;
    const feedRows = await n(`SELECT COUNT(*) AS n FROM articles a WHERE a.author_id IN (SELECT followed_id FROM follows WHERE follower_id = ${Number(id)})`);
    const feed = await get('/api/articles/feed?limit=100', u.token);
    const others = Array.isArray(feed.json?.articles) ? (feed.json.articles as { author: { username: string; following: boolean } }[]).filter((a) => !a.author.following || !followed.has(a.author.username)) : [];
    if (feed.status !== 200 || feed.json?.articlesCount !== feedRows || feedRows !== feedWant || others.length) {
      wrongFeeds.push(`${u.username}: ${feed.status} articlesCount ${feed.json?.articlesCount}, tables ${feedRows}, model ${feedWant}${others.length ? `, ${others.length} of authors not followed` : ''}`);
    }
    const favCount = favRows.filter((r) => r.user === id).length;
    const byList = await get(`/api/articles?favorited=${encodeURIComponent(u.username)}&limit=100`);
    const notFav = Array.isArray(byList.json?.articles) ? (byList.json.articles as { slug: string }[]).filter((a) => !favSet.has(`${id} ${a.slug}`)) : [];
    if (byList.status !== 200 || byList.json?.articlesCount !== favCount || notFav.length) wrongLists.push(`${u.username}: ${byList.status} articlesCount ${byList.json?.articlesCount}, ${favCount} rows${notFav.length ? `, ${notFav.length} not favorited` : ''}`);
  }
  add(`GET /api/articles/feed: the articles of the authors followed, per the tables and the model (${few.length} users)`, wrongFeeds.length === 0, wrongFeeds.length ? list(wrongFeeds, 4) : 'all agree');
  add(`GET /api/articles?favorited=: the user's favorites, per the tables (${few.length} users)`, wrongLists.length === 0, wrongLists.length ? list(wrongLists, 4) : 'all agree');
}
