import type { WrongSubmission } from '../types.js';

// A hand-written CORS that answers every preflight the same way, "the browser checks the origin
// anyway": a stranger's preflight learns the methods, headers and cache time the API allows.
export default {
  description: 'a preflight from an origin not on the list is answered 204 with Access-Control-Allow-Methods, -Headers and -Max-Age (only Access-Control-Allow-Origin is left out)',
  caughtBy: 'an origin not in CORS_ORIGINS gets no Access-Control-* header, on requests and preflights: another scheme, another port, one letter off, or an allowed origin with more after it',
  edits: [{ file: 'src/http/cors.ts', find: '      res.status(204).end();', replace: "      res.set({ 'Access-Control-Allow-Methods': CORS_METHODS.join(','), 'Access-Control-Allow-Headers': CORS_REQUEST_HEADERS.join(','), 'Access-Control-Max-Age': String(CORS_MAX_AGE) });\n      res.status(204).end();" }],
} satisfies WrongSubmission;
