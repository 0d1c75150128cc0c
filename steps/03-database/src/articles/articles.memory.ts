/*
 * ┌─────────────────────────────────────────────────────────────────────────────────────────┐
 * │ TEMPORARY. Step 02's in-memory store, behind the repository's methods, so the API keeps  │
 * │ working while you move the articles into the database. Its articles vanish when the      │
 * │ server stops. Once ./articles.repository.ts works, createApp uses that instead and this  │
 * │ file is deleted.                                                                         │
 * └─────────────────────────────────────────────────────────────────────────────────────────┘
 */
import { DEMO_USER } from '../auth/demo-author.js';
import type { ArticleRecord, ArticleRepository } from './articles.repository.js';

export function createMemoryArticleRepository(): ArticleRepository {
  const rows = new Map<number, ArticleRecord>();
  let nextId = 1;
  const copy = (row: ArticleRecord): ArticleRecord => structuredClone(row);
  const newestFirst = (a: ArticleRecord, b: ArticleRecord) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id;
  const bySlug = (slug: string) => [...rows.values()].find((row) => row.slug === slug);

  return {
    async findBySlug(slug) {
      const row = bySlug(slug);
      return row && copy(row);
    },

    async slugTaken(slug, exceptId) {
      const row = bySlug(slug);
      return row !== undefined && row.id !== exceptId;
    },

    async list({ tag, author, limit, offset }) {
      const matching = [...rows.values()]
        .filter((row) => tag === undefined || row.tagList.includes(tag))
        .filter((row) => author === undefined || row.author.username === author)
        .sort(newestFirst);
      return { articles: matching.slice(offset, offset + limit).map(copy), articlesCount: matching.length };
    },

    async insert({ authorId, ...fields }) {
      // The only author there is before the users table: the demo author.
      if (authorId !== DEMO_USER.id) throw new Error(`no user with id ${authorId}`);
      const id = nextId++;
      const author = { ...DEMO_USER };
      rows.set(id, { ...structuredClone(fields), tagList: [...new Set(fields.tagList)].sort(), id, author });
      return id;
    },

    async update(id, changes) {
      const row = rows.get(id);
      if (!row) throw new Error(`no article with id ${id}`);
      Object.assign(row, structuredClone(changes));
      if (changes.tagList) row.tagList = [...new Set(changes.tagList)].sort();
    },

    async slugOf(id) {
      return rows.get(id)?.slug;
    },

    async remove(id) {
      return rows.delete(id);
    },

    async tagsInUse(limit) {
      const uses = new Map<string, number>();
      for (const row of rows.values()) for (const tag of row.tagList) uses.set(tag, (uses.get(tag) ?? 0) + 1);
      return [...uses]
        .sort(([a, aUses], [b, bUses]) => bUses - aUses || (a < b ? -1 : a > b ? 1 : 0))
        .slice(0, limit)
        .map(([tag]) => tag);
    },
  };
}
