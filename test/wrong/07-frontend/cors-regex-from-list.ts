import type { WrongSubmission } from '../types.js';

// The cors package takes regular expressions, so the list becomes one: without ^ and $ (and with
// the dots unescaped) it matches any Origin that merely contains an allowed one.
export default {
  description: 'CORS_ORIGINS is turned into a regular expression (origins joined with |) without anchors, so an Origin containing an allowed one matches',
  caughtBy: 'an origin not in CORS_ORIGINS gets no Access-Control-* header, on requests and preflights: another scheme, another port, one letter off, or an allowed origin with more after it',
  edits: [
    { file: 'src/http/cors.ts', find: '  const allowed = new Set(origins);', replace: "  const allowed = new RegExp(origins.join('|'));" },
    { file: 'src/http/cors.ts', find: '    if (allowed.has(origin)) return forAllowed(req, res, next);', replace: '    if (allowed.test(origin)) return forAllowed(req, res, next);' },
  ],
} satisfies WrongSubmission;
