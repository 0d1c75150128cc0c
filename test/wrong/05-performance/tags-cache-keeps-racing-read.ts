import type { WrongSubmission } from '../types.js';

export default {
  description: "the tags cache keeps whatever a read returns, even a read that started before an article was written and ended after it",
  caughtBy: "the tags cache keeps nothing stale: a GET /api/tags that was reading while an article was written is not kept, and each app has a cache of its own",
  edits: [
    { file: "src/tags/tags.service.ts", find: "      if (started === generation) cached = tags;", replace: "      cached = tags;" },
  ],
} satisfies WrongSubmission;
