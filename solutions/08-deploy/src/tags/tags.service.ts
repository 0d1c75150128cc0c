import { randomUUID } from 'node:crypto';
import type { ArticleRepository } from '../articles/articles.repository.js';
import { redisCommand, type RedisConnection } from '../redis.js';

/** The longest list GET /api/tags answers: a front end shows it as "Popular tags", not as an index. */
export const TAGS_LISTED = 100;

/** Where the instances agree on the tags' version (a random id, set by each write). */
export const TAGS_VERSION_KEY = 'conduit:tags:version';
/**
 * With several instances, how long one keeps its list at most: the safety net for a write whose
 * new version could not be told to Redis (Redis down at that moment). The version key lives far
 * longer, so an expired key can never look like a version an instance still holds.
 */
export const SHARED_MAX_AGE_MS = 30_000;
const VERSION_KEY_TTL_MS = 24 * 60 * 60 * 1000;

export interface TagsService {
  /** The tags in use, each once: the TAGS_LISTED most used, most used first, ties by name. */
  list(): Promise<string[]>;
  /** Forgets the cached list. Called after every write that can change it has committed. */
  invalidate(): Promise<void>;
}

/**
 * Every page of a Conduit front end asks for the tags, and they change only when an article is
 * written: the list is kept in memory and thrown away after each such write
 * (docs/05-performance.md#caching-the-tags).
 *
 * With Redis (several instances behind a proxy), a write on one instance must also reach the
 * others' copies (docs/08-deploy.md#several-instances-one-limit): each write sets a new version
 * in Redis, and each read compares the version its copy was made under with Redis's, one GET
 * instead of the SQL. The write sets the version before it answers, so whoever reads after that
 * answer, on any instance, gets the new tags. Redis unreachable: the reads go to the database and
 * nothing is kept, so no stale copy outlives the outage.
 */
export function createTagsService(articles: ArticleRepository, { redis }: { redis?: RedisConnection } = {}): TagsService {
  let cached: { tags: string[]; version: string | null; at: number } | undefined;
  // Bumped by every invalidation. A read that began before a write and ends after it carries the
  // old number: its (possibly stale) list is returned to its own caller, never kept.
  let generation = 0;

  /** The shared version; undefined when Redis does not answer. */
  async function sharedVersion(): Promise<string | null | undefined> {
    try {
      const reply = await redisCommand(redis as RedisConnection, ['GET', TAGS_VERSION_KEY]);
      return reply === null || reply === undefined ? null : String(reply);
    } catch {
      return undefined;
    }
  }

  return {
    async list() {
      // Without Redis, this process is the only writer there is: its own invalidations suffice.
      const version = redis ? await sharedVersion() : null;
      if (version === undefined) {
        cached = undefined;
        return articles.tagsInUse(TAGS_LISTED);
      }
      if (cached && cached.version === version && (!redis || Date.now() - cached.at < SHARED_MAX_AGE_MS)) return cached.tags;
      const started = generation;
      const tags = await articles.tagsInUse(TAGS_LISTED);
      if (started === generation) cached = { tags, version, at: Date.now() };
      return tags;
    },
    async invalidate() {
      generation += 1;
      cached = undefined;
      if (!redis) return;
      try {
        await redisCommand(redis, ['SET', TAGS_VERSION_KEY, randomUUID(), 'PX', String(VERSION_KEY_TTL_MS)]);
      } catch {
        // The write has committed: failing its answer now would tell the client it did not happen.
        // The other instances' copies age out within SHARED_MAX_AGE_MS instead.
      }
    },
  };
}
