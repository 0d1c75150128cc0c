import type { WrongSubmission } from '../types.js';

// The cors package's README shows an origin function that calls back with
// new Error('Not allowed by CORS'): copied as it is, every request from a stranger becomes a 500.
export default {
  description: "an Origin that is not allowed is refused with new Error('Not allowed by CORS'), as in the cors README, so it is answered 500",
  caughtBy: 'an origin not in CORS_ORIGINS gets no Access-Control-* header, on requests and preflights: another scheme, another port, one letter off, or an allowed origin with more after it',
  edits: [
    {
      file: 'src/http/cors.ts',
      find: '    if (allowed.has(origin)) return forAllowed(req, res, next);',
      replace: "    if (!allowed.has(origin)) return next(new Error('Not allowed by CORS'));\n    return forAllowed(req, res, next);",
    },
  ],
} satisfies WrongSubmission;
