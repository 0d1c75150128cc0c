import type { WrongSubmission } from '../types.js';

// maxAge is an option of its own, easy to leave out: everything works, and every write of the web
// client costs two round trips.
export default {
  description: 'preflights carry no Access-Control-Max-Age (maxAge left out of the cors options)',
  caughtBy: 'a preflight from an allowed origin answers 2xx before any authentication, allowing GET, POST, PUT and DELETE with Authorization and Content-Type, cached for 600 seconds',
  edits: [{ file: 'src/http/cors.ts', find: '    maxAge: CORS_MAX_AGE,\n', replace: '' }],
} satisfies WrongSubmission;
