import type { ArticleRepository } from '../articles/articles.repository.js';

/** The longest list GET /api/tags answers: a front end shows it as "Popular tags", not as an index. */
export const TAGS_LISTED = 100;

export interface TagsService {
  /** The tags in use, each once: the TAGS_LISTED most used, most used first, ties by name. */
  list(): Promise<string[]>;
}

export function createTagsService(articles: ArticleRepository): TagsService {
  return {
    list: () => articles.tagsInUse(TAGS_LISTED),
  };
}
