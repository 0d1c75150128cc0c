import type { WrongSubmission } from '../types.js';

// The list's query parameters were documented; the feed, which pages the same way, was written
// afterwards and without them: a generated client cannot ask for page two of the feed.
export default {
  description: 'GET /api/articles/feed is documented without its limit and offset query parameters',
  caughtBy: 'the document has every Conduit route with its method, path parameters and the list query parameters, and documents nothing the API does not answer',
  edits: [{ file: 'src/http/openapi.ts', find: "auth: 'required', parameters: queryParameters(FeedQuery), success:", replace: "auth: 'required', success:" }],
} satisfies WrongSubmission;
