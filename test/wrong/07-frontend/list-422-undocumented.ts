import type { WrongSubmission } from '../types.js';

// Each operation lists its statuses, without a "default" catch-all, and the lists are GETs
// "that cannot fail validation": ?limit=0 answers a 422 a generated client does not expect.
export default {
  description: 'the document lists each status explicitly (no default response) and leaves the 422 out of GET /api/articles and GET /api/articles/feed, which refuse a bad limit or offset with 422',
  caughtBy: 'every answer of a whole Conduit session, successes and errors, has its status documented for its route and a body valid against the documented schema',
  edits: [
    { file: 'src/http/openapi.ts', find: "for (const name of [...op.errors, 'Error' as const])", replace: 'for (const name of op.errors)' },
    { file: 'src/http/openapi.ts', find: "success: { status: 200, schema: 'ArticleList', description: 'A page of articles.' }, errors: ['Unauthorized', 'ValidationFailed'] },\n      post:", replace: "success: { status: 200, schema: 'ArticleList', description: 'A page of articles.' }, errors: ['Unauthorized'] },\n      post:" },
    { file: 'src/http/openapi.ts', find: "parameters: queryParameters(FeedQuery), success: { status: 200, schema: 'ArticleList', description: 'A page of articles.' }, errors: ['Unauthorized', 'ValidationFailed'] },", replace: "parameters: queryParameters(FeedQuery), success: { status: 200, schema: 'ArticleList', description: 'A page of articles.' }, errors: ['Unauthorized'] }," },
  ],
} satisfies WrongSubmission;
