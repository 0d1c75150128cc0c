import type { WrongSubmission } from '../types.js';

export default {
  description: "the rewritten page query passes limit but forgets offset: every page is the first one",
  caughtBy: "limit (20 by default) and offset page through the list while articlesCount stays the total",
  edits: [
    { file: "src/articles/articles.repository.ts", find: "LIMIT :limit OFFSET :offset", replace: "LIMIT :limit" },
  ],
} satisfies WrongSubmission;
