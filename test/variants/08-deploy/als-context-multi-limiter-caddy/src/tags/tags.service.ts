import type { ArticleRepository } from '../articles/articles.repository.js';
import { redisCommand, type RedisConnection } from '../redis.js';

/** The longest list GET /api/tags answers. */
export const TAGS_LISTED = 100;

export interface TagsService {
  list(): Promise<string[]>;
  invalidate(): Promise<void>;
}

const VERSION = 'conduit:tags:version';
const listKey = (version: string) => `conduit:tags:list:${version}`;
/** A list nobody asks for again (its version is past) goes by itself. */
const LIST_TTL_MS = 60_000;

/**
 * The popular tags, cached in Redis when there is one (all instances share one copy), else in this
 * process. The copy in Redis is filed under the version current when the read began: a write bumps
 * the version after it commits, so a list read before that write is filed under a version nobody
 * looks up again.
 */
export function createTagsService(articles: ArticleRepository, redis?: RedisConnection): TagsService {
  let local: string[] | undefined;
  let writes = 0;
  const fromDatabase = () => articles.tagsInUse(TAGS_LISTED);

  if (!redis) {
    return {
      async list() {
        if (local) return local;
        const before = writes;
        const tags = await fromDatabase();
        if (before === writes) local = tags;
        return tags;
      },
      async invalidate() {
        writes += 1;
        local = undefined;
      },
    };
  }

  return {
    async list() {
      let version: string;
      try {
        version = String((await redisCommand(redis, ['GET', VERSION])) ?? '0');
        const copy = await redisCommand(redis, ['GET', listKey(version)]);
        if (typeof copy === 'string') return JSON.parse(copy) as string[];
      } catch {
        return fromDatabase(); // Redis away: right, if slower.
      }
      const tags = await fromDatabase();
      await redisCommand(redis, ['SET', listKey(version), JSON.stringify(tags), 'PX', String(LIST_TTL_MS)]).catch(() => undefined);
      return tags;
    },
    async invalidate() {
      // The write is committed; if Redis misses this, the stale copy expires with LIST_TTL_MS.
      await redisCommand(redis, ['INCR', VERSION]).catch(() => undefined);
    },
  };
}
