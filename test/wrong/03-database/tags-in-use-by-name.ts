import type { WrongSubmission } from '../types.js';

export default {
  description: "GET /api/tags takes the first 100 tags by name, not the most used",
  caughtBy: "GET /api/tags counts every tag link in the database: the 100 most used, ties to the alphabetically first",
  edits: [
    { file: "src/articles/articles.repository.ts", find: "          [db.fn('COUNT', db.col('articles.id')), 'DESC'],\n", replace: "" },
  ],
} satisfies WrongSubmission;
