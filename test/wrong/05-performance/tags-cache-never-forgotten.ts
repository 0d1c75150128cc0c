import type { WrongSubmission } from '../types.js';

export default {
  description: "the tags are cached, but nothing forgets them when an article is created",
  caughtBy: "GET /api/tags is answered from memory (no SQL statement) until an article is written, and right after a create, an edit of the tags or a delete it answers the new tags",
  edits: [
    { file: "src/articles/articles.service.ts", find: "      tagsChanged();\n      const slug = await articles.slugOf(id);", replace: "      const slug = await articles.slugOf(id);" },
  ],
} satisfies WrongSubmission;
