import type { WrongSubmission } from '../types.js';

// The health route is mounted first, "so a load balancer's probe skips the middleware": a page on
// an allowed origin that shows the API's status cannot read GET /health.
export default {
  description: 'the health route is mounted before the CORS middleware, so GET /health answers an allowed origin without Access-Control-Allow-Origin',
  caughtBy: 'a request from an origin in CORS_ORIGINS gets Access-Control-Allow-Origin with exactly that origin on successes and errors, with ETag, Retry-After and X-Request-Id exposed',
  edits: [
    { file: 'src/app.ts', find: '  app.use(healthRoutes(clock));\n', replace: '' },
    { file: 'src/app.ts', find: '  app.use(requestId());', replace: '  app.use(healthRoutes(clock));\n  app.use(requestId());' },
  ],
} satisfies WrongSubmission;
