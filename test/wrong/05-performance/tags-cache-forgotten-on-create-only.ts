import type { WrongSubmission } from '../types.js';

export default {
  description: "the tags cache is forgotten when an article is created, not when one is edited or deleted",
  caughtBy: "GET /api/tags is answered from memory (no SQL statement) until an article is written, and right after a create, an edit of the tags or a delete it answers the new tags",
  edits: [
    { file: "src/articles/articles.service.ts", find: "        return patch.slug ?? article.slug;\n      });\n      tagsChanged();", replace: "        return patch.slug ?? article.slug;\n      });" },
    { file: "src/articles/articles.service.ts", find: "      const removed = await articles.remove(article.id);\n      tagsChanged();", replace: "      const removed = await articles.remove(article.id);" },
  ],
} satisfies WrongSubmission;
