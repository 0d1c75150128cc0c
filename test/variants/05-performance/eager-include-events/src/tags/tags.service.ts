import type { ArticleRepository } from '../articles/articles.repository.js';
import type { ArticleEvents } from '../events/article-events.js';

/** The longest list GET /api/tags answers: a front end shows it as "Popular tags", not as an index. */
export const TAGS_LISTED = 100;

export interface TagsService {
  /** The tags in use, each once: the TAGS_LISTED most used, most used first, ties by name. */
  list(): Promise<string[]>;
}

/**
 * The tags in use, kept in memory (docs/05-performance.md#caching-the-tags). The cache does not
 * wait to be told by the article service: it subscribes to the app's article events, and each
 * event that can change the tags in use (a new article, a deleted one, an edit that rewrote its
 * tags) moves the version on. What is kept is the load itself, a promise tagged with the version
 * it started under: requests that arrive while it runs share it, and once the version has moved,
 * nobody is given it again, so a read that began before a write and ends after it never serves
 * anyone who came after the write. A failed load is forgotten.
 */
export function createTagsService(articles: ArticleRepository, events: ArticleEvents): TagsService {
  let version = 0;
  let kept: { version: number; tags: Promise<string[]> } | undefined;
  events.subscribe((event) => {
    // An edit of the title, description or body leaves every tag link as it was.
    if (event.type === 'updated' && !event.tagsTouched) return;
    version += 1;
    kept = undefined;
  });
  return {
    list() {
      if (kept && kept.version === version) return kept.tags;
      const load = { version, tags: articles.tagsInUse(TAGS_LISTED) };
      kept = load;
      load.tags.catch(() => {
        if (kept === load) kept = undefined;
      });
      return load.tags;
    },
  };
}
