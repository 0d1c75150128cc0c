import type { WrongSubmission } from '../types.js';

export default {
  description: "the tags cache is forgotten when an article is created or edited, not when one is deleted (its tags stay listed)",
  caughtBy: "GET /api/tags is answered from memory (no SQL statement) until an article is written, and right after a create, an edit of the tags or a delete it answers the new tags",
  edits: [
    { file: "src/articles/articles.service.ts", find: "      const removed = await articles.remove(article.id);\n      tagsChanged();", replace: "      const removed = await articles.remove(article.id);" },
  ],
} satisfies WrongSubmission;
