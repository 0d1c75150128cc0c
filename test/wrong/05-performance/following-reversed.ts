import type { WrongSubmission } from '../types.js';

export default {
  description: "following asks whether the author follows the viewer, the wrong way round",
  caughtBy: "GET /api/articles answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, with or without a token and with each filter",
  edits: [
    { file: "src/articles/articles.repository.ts", find: "EXISTS (SELECT 1 FROM follows AS w WHERE w.followed_id = a.author_id AND w.follower_id = :viewerId)", replace: "EXISTS (SELECT 1 FROM follows AS w WHERE w.follower_id = a.author_id AND w.followed_id = :viewerId)" },
  ],
} satisfies WrongSubmission;
