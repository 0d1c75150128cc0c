import type { ArticleStore } from '../articles/articles.store.js';

export interface TagsService {
  /** Every tag some article carries, each once, sorted. */
  list(): Promise<string[]>;
}

export function createTagsService(store: ArticleStore): TagsService {
  return {
    async list() {
      const tags = new Set(store.all().flatMap((article) => article.tagList));
      return [...tags].sort();
    },
  };
}
