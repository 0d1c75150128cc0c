import type { WrongSubmission } from '../types.js';

export default {
  description: "favorited is true when anyone favorited the article, not only the viewer",
  caughtBy: "GET /api/articles answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, with or without a token and with each filter",
  edits: [
    { file: "src/articles/articles.repository.ts", find: "EXISTS (SELECT 1 FROM favorites AS f WHERE f.article_id = a.id AND f.user_id = :viewerId)", replace: "EXISTS (SELECT 1 FROM favorites AS f WHERE f.article_id = a.id)" },
  ],
} satisfies WrongSubmission;
