import type { WrongSubmission } from '../types.js';

// The cors package given the allow-list as an array, as its README shows: it leaves out
// Access-Control-Allow-Origin for a stranger but still sends Access-Control-Expose-Headers (and,
// to a preflight, the allowed methods, headers and max age), which the lesson forbids.
export default {
  description: 'CORS is the cors package with origin: the allow-list as an array, in front of everything; a stranger still gets Access-Control-Expose-Headers',
  caughtBy: 'an origin not in CORS_ORIGINS gets no Access-Control-* header, on requests and preflights: another scheme, another port, one letter off, or an allowed origin with more after it',
  edits: [
    {
      file: 'src/http/cors.ts',
      find: "  return (req, res, next) => {\n    res.vary('Origin');",
      replace:
        "  const byList = cors({ origin: [...allowed], methods: [...CORS_METHODS], allowedHeaders: [...CORS_REQUEST_HEADERS], exposedHeaders: [...CORS_EXPOSED_HEADERS], maxAge: CORS_MAX_AGE, optionsSuccessStatus: 204 });\n  if (forAllowed) return byList;\n  return (req, res, next) => {\n    res.vary('Origin');",
    },
  ],
} satisfies WrongSubmission;
