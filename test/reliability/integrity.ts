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

export async function integrity(target: Target, client: Client, model: Model, handlesBefore: number | undefined): Promise<Finding[]> {
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

  // File handles: the writer connection and the shared one, not one more per transaction.
  const handlesAfter = sqliteHandles(target);
  if (handlesAfter !== undefined && handlesBefore !== undefined) {
    add('sqlite: no file handles leaked', handlesAfter <= Math.max(handlesBefore, 1) + 4, `${handlesBefore} handles on the database files before the load, ${handlesAfter} after`);
  }

  // An unhandled error in the log is a bug even if it was answered with a 4xx.
  add('server log: no unhandled errors', target.errors.length === 0, target.errors.length ? list(target.errors.map((l) => l.slice(0, 300)), 3) : 'none');
  return findings;
}
