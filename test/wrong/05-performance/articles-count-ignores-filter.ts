import type { WrongSubmission } from '../types.js';
export default {
  description: "articlesCount counts every article, whatever the filter",
  caughtBy: "GET /api/articles answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, with or without a token and with each filter",
  edits: [{ file: "src/articles/articles.repository.ts", find: "db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM articles AS a${filter}`", replace: "db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM articles AS a WHERE :feedOf IS NULL OR :feedOf IS NOT NULL`" }],
} satisfies WrongSubmission;
