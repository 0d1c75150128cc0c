import type { WrongSubmission } from '../types.js';

export default {
  description: 'GET /api/tags orders by use count only: among tags used equally often, which ones make the 100 is whatever order the database returns them in',
  caughtBy: "GET /api/tags counts every tag link in the database: the 100 most used, ties to the alphabetically first",
  edits: [
    {
      file: 'src/articles/articles.repository.ts',
      find: "          [db.fn('COUNT', db.col('articles.id')), 'DESC'],\n          ['name', 'ASC'],",
      replace: "          [db.fn('COUNT', db.col('articles.id')), 'DESC'],",
    },
  ],
} satisfies WrongSubmission;
