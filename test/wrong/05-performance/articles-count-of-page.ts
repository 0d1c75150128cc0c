import type { WrongSubmission } from '../types.js';

export default {
  description: "articlesCount counts the page, not every matching article",
  caughtBy: "GET /api/articles answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, with or without a token and with each filter",
  edits: [
    { file: "src/articles/articles.repository.ts", find: "      return { articles: rows.map(toRecord), articlesCount: Number(counted?.n ?? 0) };", replace: "      return { articles: rows.map(toRecord), articlesCount: Math.min(Number(counted?.n ?? 0), rows.length) };" },
  ],
} satisfies WrongSubmission;
