import type { WrongSubmission } from '../types.js';

// the tags copy carries the version it was read under, but a read uses any copy it has without comparing that version with Redis's
export default {
  description: "the tags copy carries the version it was read under, but a read uses any copy it has without comparing that version with Redis's",
  caughtBy: "two instances on one database and one Redis never serve tags the other has changed: after an article is written, edited or deleted through one instance, GET /api/tags on the other answers the tags in use, in their order, though it had the list in memory",
  edits: [
    { file: "src/tags/tags.service.ts", find: "if (cached && cached.version === version && (!redis", replace: "if (cached && (!redis" },
  ],
} satisfies WrongSubmission;
