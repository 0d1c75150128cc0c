import type { WrongSubmission } from '../types.js';

export default {
  description: "the comments router forgets router.param('slug', slugParam()): impossible slugs reach the database there",
  caughtBy: "a slug with a NUL, a space or a control character answers 404 on every route under /api/articles/:slug, never 500, and changes nothing",
  edits: [
    { file: "src/comments/comments.routes.ts", find: "  router.param('slug', slugParam());\n", replace: "" },
  ],
} satisfies WrongSubmission;
