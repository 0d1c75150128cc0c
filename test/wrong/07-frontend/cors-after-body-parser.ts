import type { WrongSubmission } from '../types.js';

// "Parse the body first, then the rest": a body that is not JSON fails in the parser, before CORS
// has run, and its 400 reaches the page without Access-Control-Allow-Origin (a TypeError in fetch).
export default {
  description: 'express.json() is mounted before the CORS middleware, so a malformed body is answered 400 without CORS headers',
  caughtBy: 'a request from an origin in CORS_ORIGINS gets Access-Control-Allow-Origin with exactly that origin on successes and errors, with ETag, Retry-After and X-Request-Id exposed',
  edits: [
    { file: 'src/app.ts', find: "  app.use(corsPolicy(config.corsOrigins ?? []));\n", replace: '' },
    { file: 'src/app.ts', find: "  app.use(express.json({ limit: '1mb' }));\n", replace: "  app.use(express.json({ limit: '1mb' }));\n  app.use(corsPolicy(config.corsOrigins ?? []));\n" },
  ],
} satisfies WrongSubmission;
