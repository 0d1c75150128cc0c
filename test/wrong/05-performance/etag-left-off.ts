import type { WrongSubmission } from '../types.js';

export default {
  description: "the starter's app.set('etag', false) is kept",
  caughtBy: "GET answers carry an ETag; the same request with If-None-Match answers 304 with no body, and after a favorite, a follow, an edit, the author's new bio, a comment or a new tag it answers 200 with the new answer",
  edits: [
    { file: "src/app.ts", find: "  app.disable('x-powered-by');", replace: "  app.disable('x-powered-by');\n  app.set('etag', false);" },
  ],
} satisfies WrongSubmission;
