import type { WrongSubmission } from '../types.js';
export default {
  description: "tagList comes in the order the database aggregates it, not sorted as the starter answers",
  caughtBy: "GET /api/articles answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, with or without a token and with each filter",
  edits: [{ file: "src/articles/articles.repository.ts", find: ": (row.tagList ?? [])).sort(),", replace: ": (row.tagList ?? [])),"}],
} satisfies WrongSubmission;
