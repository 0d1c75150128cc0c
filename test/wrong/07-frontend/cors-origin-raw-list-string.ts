import type { WrongSubmission } from '../types.js';

// CORS_ORIGINS handed to the cors package as it came, comma and all: the header then names both
// origins at once, which matches neither, and the browser blocks every answer.
export default {
  description: 'the comma-separated CORS_ORIGINS string is given to cors as origin, so Access-Control-Allow-Origin names the whole list',
  caughtBy: 'a request from an origin in CORS_ORIGINS gets Access-Control-Allow-Origin with exactly that origin on successes and errors, with ETag, Retry-After and X-Request-Id exposed',
  edits: [
    {
      file: 'src/http/cors.ts',
      find: "    origin: true, // reflect the request's Origin: only called for origins on the list, below",
      replace: "    origin: origins.join(','), // CORS_ORIGINS, as it is set",
    },
  ],
} satisfies WrongSubmission;
