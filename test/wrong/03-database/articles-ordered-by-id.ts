import type { WrongSubmission } from '../types.js';

export default {
  description: 'the article list is ordered by id, newest id first, instead of by createdAt: right only while ids happen to grow with createdAt',
  caughtBy: 'the lists read the tables: rows inserted with SQL are filtered, counted and paged by the database, more of them than a page',
  edits: [
    {
      file: 'src/articles/articles.repository.ts',
      find: "      const order: [string, string][] = [\n        ['createdAt', 'DESC'],\n        ['id', 'DESC'],\n      ];",
      replace: "      const order: [string, string][] = [['id', 'DESC']];",
    },
  ],
} satisfies WrongSubmission;
