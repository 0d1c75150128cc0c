import type { WrongSubmission } from '../types.js';

// the tags cache stays in each process, as in step 05: REDIS_URL set, but createApp does not hand Redis to it
export default {
  description: "the tags cache stays in each process, as in step 05: REDIS_URL set, but createApp does not hand Redis to it",
  caughtBy: "two instances on one database and one Redis never serve tags the other has changed: after an article is written, edited or deleted through one instance, GET /api/tags on the other answers the tags in use, in their order, though it had the list in memory",
  edits: [
    { file: "src/app.ts", find: "createTagsService(articles, { redis })", replace: "createTagsService(articles)" },
  ],
} satisfies WrongSubmission;
