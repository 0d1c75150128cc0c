import type { ArticleStore } from '../articles/articles.store.js';
import { NotImplementedError } from '../http/errors.js';

export interface TagsService {
  /** The tags in use, each once: at most 100, the most used first (docs/02-api.md#tags). */
  list(): Promise<string[]>;
}

export function createTagsService(store: ArticleStore): TagsService {
  return {
    async list() {
      // TODO(02-api): collect the tagList of every article in the store (store.all()), each tag
      // once; keep the 100 carried by the most articles, most used first (ties by name).
      throw new NotImplementedError('TODO(02-api) in src/tags/tags.service.ts: list the tags');
    },
  };
}
