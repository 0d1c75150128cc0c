import type { Transaction } from 'sequelize';
import type { ArticleRepository } from '../articles/articles.repository.js';

/**
 * The article repository, with every article write telling `cache` once it is done: at the
 * commit of the write's transaction (a rolled-back attempt, such as a slug clash that is tried
 * again, changes nothing and invalidates nothing), or right after a delete, which runs on its own.
 * Invalidating before the commit would let a read in between keep the old list.
 */
export function invalidateOnWrite(articles: ArticleRepository, cache: { invalidate(): void }): ArticleRepository {
  const atCommit = (transaction: Transaction) => transaction.afterCommit(() => cache.invalidate());
  return {
    ...articles,
    async insert(article, transaction) {
      atCommit(transaction);
      return articles.insert(article, transaction);
    },
    async update(id, changes, transaction) {
      atCommit(transaction);
      return articles.update(id, changes, transaction);
    },
    async remove(id) {
      try {
        return await articles.remove(id);
      } finally {
        cache.invalidate();
      }
    },
  };
}
