import type { WrongSubmission } from '../types.js';

export default {
  description: "following asks whether the author follows the viewer, the wrong way round",
  caughtBy: "GET /api/articles answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, with or without a token and with each filter",
  edits: [
    { file: "src/articles/articles.repository.ts", find: "WHERE w.followed_id = ${A}.author_id AND w.follower_id = :viewerId)`), 'following'", replace: "WHERE w.follower_id = ${A}.author_id AND w.followed_id = :viewerId)`), 'following'" },
  ],
} satisfies WrongSubmission;
