import type { WrongSubmission } from '../types.js';

// The "fix" the lesson warns about: the browser refused `*`, so the Origin is echoed back, for
// everyone. Every page works, including every page on the internet.
export default {
  description: 'every Origin is reflected (cors with origin: true for all requests): the allow-list is never consulted',
  caughtBy: 'an origin not in CORS_ORIGINS gets no Access-Control-* header, on requests and preflights: another scheme, another port, one letter off, or an allowed origin with more after it',
  edits: [
    {
      file: 'src/http/cors.ts',
      find: '    if (allowed.has(origin)) return forAllowed(req, res, next);',
      replace: "    return forAllowed(req, res, next); // origin: true echoes the Origin back: every page works",
    },
  ],
} satisfies WrongSubmission;
