import type { WrongSubmission } from '../types.js';

// express.static's maxAge and most of Node count in milliseconds; Access-Control-Max-Age counts in
// seconds, so "ten minutes" written as 600_000 is a week (which browsers then cap as they please).
export default {
  description: 'the preflight cache time is written in milliseconds (600000) instead of 600 seconds',
  caughtBy: 'a preflight from an allowed origin answers 2xx before any authentication, allowing GET, POST, PUT and DELETE with Authorization and Content-Type, cached for 600 seconds',
  edits: [{ file: 'src/http/cors.ts', find: 'export const CORS_MAX_AGE = 600;', replace: 'export const CORS_MAX_AGE = 10 * 60 * 1000; // ten minutes' }],
} satisfies WrongSubmission;
