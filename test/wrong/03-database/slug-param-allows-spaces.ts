import type { WrongSubmission } from '../types.js';

export default {
  description: "the slug guard turns away control characters but lets spaces through (MySQL then finds \"hello-conduit \" as \"hello-conduit\")",
  caughtBy: "a slug matches only itself: another case or a trailing space answers 404 on every route, and changes nothing",
  dialects: ["mysql"],
  edits: [
    { file: "src/http/slug-param.ts", find: "const NEVER_IN_A_SLUG = /[\\s\\u0000-\\u001f\\u007f]|", replace: "const NEVER_IN_A_SLUG = /[\\u0000-\\u001f\\u007f]|" },
  ],
} satisfies WrongSubmission;
