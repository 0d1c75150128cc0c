import type { WrongSubmission } from '../types.js';

// ETag and the request id are the headers a learner just worked with; Retry-After comes from a
// 429 they rarely see, and is left out: the client cannot tell its user how long to wait.
export default {
  description: 'Access-Control-Expose-Headers names ETag and X-Request-Id but not Retry-After',
  caughtBy: 'a request from an origin in CORS_ORIGINS gets Access-Control-Allow-Origin with exactly that origin on successes and errors, with ETag, Retry-After and X-Request-Id exposed',
  edits: [
    {
      file: 'src/http/cors.ts',
      find: "export const CORS_EXPOSED_HEADERS = ['ETag', 'Retry-After', 'X-Request-Id'] as const;",
      replace: "export const CORS_EXPOSED_HEADERS = ['ETag', 'X-Request-Id'] as const;",
    },
  ],
} satisfies WrongSubmission;
