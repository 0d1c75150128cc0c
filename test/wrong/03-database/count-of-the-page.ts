import type { WrongSubmission } from '../types.js';

export default {
  description: "articlesCount counts the articles of the page, not every match",
  caughtBy: "the lists read the tables: rows inserted with SQL are filtered, counted and paged by the database, more of them than a page",
  edits: [
    { file: "src/articles/articles.repository.ts", find: "      if (ids.length === 0) return { articles: [], articlesCount };\n      const rows = await Article.findAll({ where: { id: ids }, include: withAuthorAndTags, order });\n      return { articles: rows.map(toRecord), articlesCount };", replace: "      if (ids.length === 0) return { articles: [], articlesCount: 0 };\n      const rows = await Article.findAll({ where: { id: ids }, include: withAuthorAndTags, order });\n      return { articles: rows.map(toRecord), articlesCount: rows.length };" },
  ],
} satisfies WrongSubmission;
