import type { CurrentUser } from '../auth/current-user.js';

/** One article as the app keeps it. Step 03 turns this into a database table. */
export interface ArticleRecord {
  /** Given by the store, in creation order: the tiebreak when two articles share a createdAt. */
  id: number;
  slug: string;
  title: string;
  description: string;
  body: string;
  /** Distinct and sorted. */
  tagList: string[];
  createdAt: Date;
  updatedAt: Date;
  author: CurrentUser;
}

export type NewArticle = Omit<ArticleRecord, 'id'>;
export type ArticleChanges = Partial<NewArticle>;

/**
 * The in-memory repository: the only code that knows where articles live. It stores and finds;
 * the rules (validation, slugs, ordering) are the service's. It hands out copies, as a database
 * would, so nobody can change a stored article by accident by editing an object they were given.
 */
export interface ArticleStore {
  insert(article: NewArticle): ArticleRecord;
  findBySlug(slug: string): ArticleRecord | undefined;
  /** Every article, in no particular order. */
  all(): ArticleRecord[];
  update(id: number, changes: ArticleChanges): ArticleRecord;
  remove(id: number): void;
}

/** A new, empty store. createApp makes one per app, so two apps never share articles. */
export function createArticleStore(): ArticleStore {
  const rows = new Map<number, ArticleRecord>();
  let nextId = 1;
  const copy = (row: ArticleRecord): ArticleRecord => structuredClone(row);

  return {
    insert(article) {
      const row: ArticleRecord = { ...structuredClone(article), id: nextId++ };
      rows.set(row.id, row);
      return copy(row);
    },
    findBySlug(slug) {
      for (const row of rows.values()) if (row.slug === slug) return copy(row);
      return undefined;
    },
    all() {
      return [...rows.values()].map(copy);
    },
    update(id, changes) {
      const row = rows.get(id);
      if (!row) throw new Error(`no article with id ${id}`);
      Object.assign(row, structuredClone(changes));
      return copy(row);
    },
    remove(id) {
      rows.delete(id);
    },
  };
}
