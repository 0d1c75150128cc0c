import type { WrongSubmission } from '../types.js';

export default {
  description: "the page is ordered by createdAt only: articles written in the same millisecond come in whatever order the database likes",
  caughtBy: "GET /api/articles answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, with or without a token and with each filter",
  edits: [
    { file: "src/articles/articles.repository.ts", find: "ORDER BY a.created_at DESC, a.id DESC", replace: "ORDER BY a.created_at DESC" },
  ],
} satisfies WrongSubmission;
