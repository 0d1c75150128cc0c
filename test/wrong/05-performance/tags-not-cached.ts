import type { WrongSubmission } from '../types.js';

export default {
  description: "the tags list is stored in a cache that list() never reads: every GET /api/tags asks the database",
  caughtBy: "GET /api/tags is answered from memory (no SQL statement) until an article is written, and right after a create, an edit of the tags or a delete it answers the new tags",
  edits: [
    { file: "src/tags/tags.service.ts", find: "      if (cached) return cached;\n", replace: "" },
  ],
} satisfies WrongSubmission;
