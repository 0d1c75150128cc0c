import type { WrongSubmission } from '../types.js';

export default {
  description: "the feed also shows the viewer's own articles",
  caughtBy: "GET /api/articles/feed answers exactly what the starter answers, with the same number of statements (at most 8) for 5 or 100 articles per page, among 10 or 200, following 2 users or 7",
  edits: [
    { file: "src/articles/articles.repository.ts", find: "(SELECT w.followed_id FROM follows AS w WHERE w.follower_id = :feedOf)'", replace: "(SELECT w.followed_id FROM follows AS w WHERE w.follower_id = :feedOf UNION SELECT :feedOf)'" },
  ],
} satisfies WrongSubmission;
