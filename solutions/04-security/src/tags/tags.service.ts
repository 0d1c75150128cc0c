import type { ArticleRepository } from '../articles/articles.repository.js';

export interface TagsService {
  /** Every tag some article carries, each once, sorted. */
  list(): Promise<string[]>;
}

export function createTagsService(articles: ArticleRepository): TagsService {
  return {
    list: () => articles.tagsInUse(),
  };
}
