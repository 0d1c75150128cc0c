import type { WrongSubmission } from '../types.js';

// Content-Type is the header everyone remembers (JSON bodies); Authorization is not on the
// browser's safe list either, and without it every authenticated request fails its preflight.
export default {
  description: 'the preflight allows the Content-Type header but not Authorization',
  caughtBy: 'a preflight from an allowed origin answers 2xx before any authentication, allowing GET, POST, PUT and DELETE with Authorization and Content-Type, cached for 600 seconds',
  edits: [
    {
      file: 'src/http/cors.ts',
      find: "export const CORS_REQUEST_HEADERS = ['Authorization', 'Content-Type', 'X-Requested-With', 'X-Request-Id', 'If-None-Match'] as const;",
      replace: "export const CORS_REQUEST_HEADERS = ['Content-Type', 'X-Requested-With', 'X-Request-Id', 'If-None-Match'] as const;",
    },
  ],
} satisfies WrongSubmission;
