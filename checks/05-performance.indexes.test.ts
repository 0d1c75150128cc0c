/**
 * Step 05 · Performance, in the schema: the indexes the queries need, found by introspection, and
 * the unique ones that keep a favorite or a follow single when two requests race.
 */
import { afterAll, describe } from 'vitest';
import { describeResponse, ensure, fileDatabase, requirement } from './support/index.js';
import type { SequelizeLike } from './support/db.js';
import { as, closeOracle, dir, freshWorld, L, writeArticle } from './05-performance.shared.js';

afterAll(closeOracle);

interface IndexInfo {
  unique: boolean;
  columns: string[];
}

/** Every index of a table (the primary key aside), with its columns in order. */
async function indexesOf(db: SequelizeLike, table: string): Promise<IndexInfo[]> {
  const qi = db.getQueryInterface() as unknown as { showIndex(table: string): Promise<{ unique?: boolean; primary?: boolean; fields?: { attribute?: string; name?: string }[] }[]> };
  const raw = await qi.showIndex(table);
  return raw.filter((i) => !i.primary).map((i) => ({ unique: Boolean(i.unique), columns: (i.fields ?? []).map((f) => String(f.attribute ?? f.name)) }));
}

const describeIndexes = (table: string, list: IndexInfo[]) =>
  list.length === 0 ? `${table} has no index besides its primary key` : `${table} has ${list.map((i) => `${i.unique ? 'UNIQUE ' : ''}(${i.columns.join(', ')})`).join(', ')}`;

/**
 * An index for each lookup the queries make. On MySQL, InnoDB indexes every foreign key by itself,
 * so the starter has some of these there; on SQLite it has none.
 */
async function expectLookupIndexes(db: SequelizeLike): Promise<void> {
  for (const [table, column] of [
    ['favorites', 'article_id'],
    ['articles', 'created_at'],
    ['articles', 'author_id'],
    ['article_tags', 'tag_id'],
    ['comments', 'article_id'],
  ] as const) {
    const list = await indexesOf(db, table);
    ensure(list.some((i) => i.columns[0] === column), {
      expected: `an index of ${table} whose first column is ${column} (the queries look rows up by it)`,
      got: describeIndexes(table, list),
      hint: 'a composite index serves lookups by its first column only: (user_id, article_id) does not find an article’s favorites',
      lesson: L.indexes,
    });
  }
}

describe('indexes', () => {
  requirement(
    'favorites has a unique index on (user_id, article_id) and follows one on (follower_id, followed_id), so favoriting or following twice, even at the same moment, counts once; an index starts with favorites.article_id; the indexes of earlier steps are still there',
    { lesson: L.indexes, covers: ['unique-indexes', 'lookup-indexes'], timeout: 30_000 },
    async () => {
      const { db } = await fileDatabase(dir);
      for (const [table, pair] of [
        ['favorites', ['user_id', 'article_id']],
        ['follows', ['follower_id', 'followed_id']],
      ] as const) {
        const list = await indexesOf(db, table);
        ensure(list.some((i) => i.unique && i.columns.length === 2 && pair.every((c) => i.columns.includes(c))), {
          expected: `a UNIQUE index on ${table} (${pair.join(', ')}), in a migration`,
          got: describeIndexes(table, list),
          hint: 'a new migration (never an edit of 0005): remove the duplicates that already exist, then qi.addIndex(…, { unique: true })',
          lesson: L.indexes,
        });
      }
      await expectLookupIndexes(db);
      const w = await freshWorld(['ada', 'bob']);
      const { ada, bob } = w.users;
      const slug = await writeArticle(w, bob);
      const favorites = await Promise.all(Array.from({ length: 8 }, () => w.http.post(`/api/articles/${slug}/favorite`, as(ada))));
      const bad = favorites.find((r) => r.status !== 200);
      ensure(!bad, { expected: `8 POST /api/articles/${slug}/favorite by ada at the same moment: 200 each (favoriting twice is not an error)`, got: bad ? describeResponse(bad) : '', lesson: L.indexes });
      const after = await w.http.get(`/api/articles/${slug}`);
      const count = (after.body as { article?: { favoritesCount?: unknown } }).article?.favoritesCount;
      ensure(count === 1, { expected: `then GET /api/articles/${slug}: favoritesCount 1 (one user, one favorite)`, got: `favoritesCount ${JSON.stringify(count)}`, lesson: L.indexes });
      const again = await w.http.post(`/api/articles/${slug}/favorite`, as(ada));
      const shown = (again.body as { article?: { favorited?: unknown; favoritesCount?: unknown } } | undefined)?.article;
      ensure(again.status === 200 && shown?.favorited === true && shown.favoritesCount === 1, {
        expected: `then one more POST /api/articles/${slug}/favorite by ada: 200 with the article as it now is, favorited true and favoritesCount 1`,
        got: describeResponse(again),
        hint: 'answer with the article read after the insert: a count read before it, plus one, counts again a favorite that was already there',
        lesson: L.indexes,
      });
      const notHis = await w.http.delete(`/api/articles/${slug}/favorite`, as(bob));
      const left = (notHis.body as { article?: { favorited?: unknown; favoritesCount?: unknown } } | undefined)?.article;
      ensure(notHis.status === 200 && left?.favorited === false && left.favoritesCount === 1, {
        expected: `then DELETE /api/articles/${slug}/favorite by bob, who never favorited it: 200 with favorited false and favoritesCount still 1 (ada's favorite stays)`,
        got: describeResponse(notHis),
        hint: 'answer with the article read after the delete: a count read before it, minus one, removes a favorite that was never there',
        lesson: L.indexes,
      });
      const follows = await Promise.all(Array.from({ length: 8 }, () => w.http.post(`/api/profiles/${bob.username}/follow`, as(ada))));
      const badFollow = follows.find((r) => r.status !== 200);
      ensure(!badFollow, { expected: `8 POST /api/profiles/${bob.username}/follow by ada at the same moment: 200 each`, got: badFollow ? describeResponse(badFollow) : '', lesson: L.indexes });
      const unfollow = await w.http.delete(`/api/profiles/${bob.username}/follow`, as(ada));
      const following = (unfollow.body as { profile?: { following?: unknown } }).profile?.following;
      ensure(unfollow.status === 200 && following === false, { expected: 'then one DELETE …/follow: 200 with following false (there was one follow to remove)', got: describeResponse(unfollow), lesson: L.indexes });
    },
  );
});
