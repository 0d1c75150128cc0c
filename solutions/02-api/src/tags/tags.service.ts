import type { ArticleStore } from '../articles/articles.store.js';

/** The longest list GET /api/tags answers: a front end shows it as "Popular tags", not as an index. */
export const TAGS_LISTED = 100;

export interface TagsService {
  /** The tags in use, each once: the TAGS_LISTED most used, most used first, ties by name. */
  list(): Promise<string[]>;
}

export function createTagsService(store: ArticleStore): TagsService {
  return {
    async list() {
      const uses = new Map<string, number>();
      for (const article of store.all()) for (const tag of article.tagList) uses.set(tag, (uses.get(tag) ?? 0) + 1);
      return [...uses]
        .sort(([a, aUses], [b, bUses]) => bUses - aUses || (a < b ? -1 : a > b ? 1 : 0))
        .slice(0, TAGS_LISTED)
        .map(([tag]) => tag);
    },
  };
}
