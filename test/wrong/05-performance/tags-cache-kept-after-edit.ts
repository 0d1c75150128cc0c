import type { WrongSubmission } from '../types.js';

export default {
  description: "the tags cache is forgotten when an article is created or deleted, not when its tags are edited",
  caughtBy: "GET /api/tags is answered from memory (no SQL statement) until an article is written, and right after a create, an edit of the tags or a delete it answers the new tags",
  edits: [
    { file: "src/articles/articles.service.ts", find: "        return patch.slug ?? article.slug;\n      });\n      tagsChanged();", replace: "        return patch.slug ?? article.slug;\n      });" },
  ],
} satisfies WrongSubmission;
