import type { ArticleStore } from '../articles/articles.store.js';
import { NotImplementedError } from '../http/errors.js';

export interface TagsService {
  /** Every tag some article carries, each once, sorted. */
  list(): Promise<string[]>;
}

export function createTagsService(store: ArticleStore): TagsService {
  return {
    async list() {
      // TODO(02-api): collect the tagList of every article in the store (store.all()), each tag
      // once, sorted.
      throw new NotImplementedError('TODO(02-api) in src/tags/tags.service.ts: list the tags');
    },
  };
}
