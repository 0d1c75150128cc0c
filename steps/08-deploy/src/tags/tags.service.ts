import type { ArticleRepository } from '../articles/articles.repository.js';

/** The longest list GET /api/tags answers: a front end shows it as "Popular tags", not as an index. */
export const TAGS_LISTED = 100;

export interface TagsService {
  /** The tags in use, each once: the TAGS_LISTED most used, most used first, ties by name. */
  list(): Promise<string[]>;
  /** Forgets the cached list. Called after every write that can change it has committed. */
  invalidate(): void;
}

/**
 * Every page of a Conduit front end asks for the tags, and they change only when an article is
 * written: the list is kept in memory and thrown away after each such write
 * (docs/05-performance.md#caching-the-tags). In this process only: several instances behind a
 * load balancer would each need to hear of the others' writes (step 08).
 */
// TODO(08-deploy): with REDIS_URL, a write through one instance reaches the other instances' lists
export function createTagsService(articles: ArticleRepository): TagsService {
  let cached: string[] | undefined;
  // Bumped by every invalidation. A read that began before a write and ends after it carries the
  // old number: its (possibly stale) list is returned to its own caller, never kept.
  let generation = 0;
  return {
    async list() {
      if (cached) return cached;
      const started = generation;
      const tags = await articles.tagsInUse(TAGS_LISTED);
      if (started === generation) cached = tags;
      return tags;
    },
    invalidate() {
      generation += 1;
      cached = undefined;
    },
  };
}
