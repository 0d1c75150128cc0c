/**
 * Realistic data for a load test, written with plain SQL into the contract's tables (the table
 * and column names are the contract; the project's models and services are not), in a few bulk
 * INSERTs. Every timestamp is distinct, so "newest first" has one answer.
 */
import bcrypt from 'bcrypt';
import type { SequelizeLike } from '../../checks/support/db.js';

export const LOAD_PASSWORD = 'load-test-password-1';

export interface SeedSizes {
  users: number;
  articles: number;
  tags: number;
  favorites: number;
  follows: number;
  comments: number;
}

export const SEED_SIZES: SeedSizes = { users: 40, articles: 400, tags: 30, favorites: 1500, follows: 200, comments: 60 };

export interface SeededData {
  /** What was written, table by table (follows and favorites are 0 on a project without them). */
  rows: Record<string, number>;
  slugs: string[];
  usernames: string[];
  emails: string[];
  /** The viewer logs in with this email and LOAD_PASSWORD; it follows enough authors for a full feed. */
  viewerEmail: string;
}

/** A small seeded generator: the same data on every run, so runs compare. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['fast', 'slow', 'query', 'index', 'cache', 'join', 'eager', 'lazy', 'batch', 'stream', 'pool', 'lock', 'page', 'limit', 'plan', 'scan', 'row', 'table', 'key', 'hash'];

/** INSERTs of `rows` in chunks; values go through the driver's escaping (dates included, per dialect). */
async function insert(db: SequelizeLike, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    const one = `(${columns.map(() => '?').join(', ')})`;
    await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => one).join(', ')}`, { replacements: chunk.flat() });
  }
}

export async function seedLoadData(db: SequelizeLike, { social }: { social: boolean }, sizes: SeedSizes = SEED_SIZES): Promise<SeededData> {
  const random = prng(20261130);
  const pick = (n: number) => Math.floor(random() * n);
  // One hash for every user: bcrypt costs ~60 ms per hash, and the login scenario needs a known password.
  const hash = await bcrypt.hash(LOAD_PASSWORD, 10);
  // Newest first is the order of every list: one second apart, going back from now.
  const start = Date.now() - 10 * 24 * 3600 * 1000;
  let tick = 0;
  const at = () => new Date(start + 1000 * ++tick);

  const usernames = Array.from({ length: sizes.users }, (_, i) => `loaduser${String(i + 1).padStart(2, '0')}`);
  const emails = usernames.map((u) => `${u}@load.example`);
  await insert(
    db,
    'users',
    ['id', 'username', 'email', 'bio', 'image', 'password_hash', 'role', 'token_version', 'created_at', 'updated_at'],
    usernames.map((u, i) => {
      const when = at();
      return [i + 1, u, emails[i], `I write about ${WORDS[i % WORDS.length]} things.`, null, hash, 'user', 0, when, when];
    }),
  );

  const tagNames = Array.from({ length: sizes.tags }, (_, i) => `${WORDS[i % WORDS.length]}${i >= WORDS.length ? `-${i}` : ''}`);
  await insert(db, 'tags', ['id', 'name'], tagNames.map((name, i) => [i + 1, name]));

  const slugs: string[] = [];
  const articles: unknown[][] = [];
  const articleTags: unknown[][] = [];
  for (let i = 1; i <= sizes.articles; i++) {
    const words = Array.from({ length: 4 }, () => WORDS[pick(WORDS.length)]);
    const slug = `${words.join('-')}-${i}`;
    slugs.push(slug);
    const title = words.join(' ');
    const body = Array.from({ length: 12 }, () => `${WORDS[pick(WORDS.length)]} ${WORDS[pick(WORDS.length)]} and more.`).join(' ');
    const when = at();
    articles.push([i, slug, title, `About ${title}`, body, 1 + pick(sizes.users), when, when]);
    const tags = new Set<number>();
    const count = 1 + pick(4);
    while (tags.size < count) tags.add(1 + pick(sizes.tags));
    for (const t of tags) articleTags.push([i, t]);
  }
  await insert(db, 'articles', ['id', 'slug', 'title', 'description', 'body', 'author_id', 'created_at', 'updated_at'], articles);
  await insert(db, 'article_tags', ['article_id', 'tag_id'], articleTags);

  const comments = Array.from({ length: sizes.comments }, (_, i) => {
    const when = at();
    return [i + 1, `Comment ${i + 1}: ${WORDS[pick(WORDS.length)]}.`, 1 + pick(sizes.articles), 1 + pick(sizes.users), when, when];
  });
  await insert(db, 'comments', ['id', 'body', 'article_id', 'author_id', 'created_at', 'updated_at'], comments);

  const rows: Record<string, number> = { users: sizes.users, tags: sizes.tags, articles: sizes.articles, article_tags: articleTags.length, comments: comments.length, follows: 0, favorites: 0 };
  if (social) {
    // The viewer (user 1) follows a quarter of the authors, so its feed is full; the rest at random.
    const follows = new Set<string>();
    for (let u = 2; u <= Math.ceil(sizes.users / 4) + 1; u++) follows.add(`1:${u}`);
    while (follows.size < Math.min(sizes.follows, sizes.users * (sizes.users - 1))) {
      const a = 1 + pick(sizes.users);
      const b = 1 + pick(sizes.users);
      if (a !== b) follows.add(`${a}:${b}`);
    }
    await insert(db, 'follows', ['id', 'follower_id', 'followed_id', 'created_at'], [...follows].map((pair, i) => [i + 1, ...pair.split(':').map(Number), at()]));
    const favorites = new Set<string>();
    while (favorites.size < Math.min(sizes.favorites, sizes.users * sizes.articles)) favorites.add(`${1 + pick(sizes.users)}:${1 + pick(sizes.articles)}`);
    await insert(db, 'favorites', ['id', 'user_id', 'article_id', 'created_at'], [...favorites].map((pair, i) => [i + 1, ...pair.split(':').map(Number), at()]));
    rows.follows = follows.size;
    rows.favorites = favorites.size;
  }
  return { rows, slugs, usernames, emails, viewerEmail: emails[0] };
}
