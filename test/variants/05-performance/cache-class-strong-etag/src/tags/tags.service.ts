import type { ArticleRepository } from '../articles/articles.repository.js';
import { TtlCache } from '../cache/ttl-cache.js';

/** The longest list GET /api/tags answers: a front end shows it as "Popular tags", not as an index. */
export const TAGS_LISTED = 100;

/** How long the list may be served from memory at most, even if no write told the cache. */
export const TAGS_TTL_MS = 60_000;

export interface TagsService {
  /** The tags in use, each once: the TAGS_LISTED most used, most used first, ties by name. */
  list(): Promise<string[]>;
  /** Forgets the cached list. */
  invalidate(): void;
}

/**
 * The tags through a TtlCache: read from the database on a miss, then from memory until an
 * article write invalidates the cache (src/cache/invalidate-on-write.ts) or the entry grows old.
 */
export function createTagsService(articles: ArticleRepository, cache: TtlCache<'popular', string[]> = new TtlCache(TAGS_TTL_MS)): TagsService {
  return {
    list: () => cache.getOrLoad('popular', () => articles.tagsInUse(TAGS_LISTED)),
    invalidate: () => cache.invalidate(),
  };
}
