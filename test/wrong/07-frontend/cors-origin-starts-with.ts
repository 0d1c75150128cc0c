import type { WrongSubmission } from '../types.js';

// "Is the Origin one of ours?" written as a prefix test: it reads right for
// http://localhost:4100, and lets in http://localhost:4100.evil.test, a host anyone can register.
export default {
  description: 'the Origin is allowed when it starts with an origin of CORS_ORIGINS, so http://localhost:4100.evil.test passes',
  caughtBy: 'an origin not in CORS_ORIGINS gets no Access-Control-* header, on requests and preflights: another scheme, another port, one letter off, or an allowed origin with more after it',
  edits: [
    {
      file: 'src/http/cors.ts',
      find: '    if (allowed.has(origin)) return forAllowed(req, res, next);',
      replace: '    if (origins.some((trusted) => origin.startsWith(trusted))) return forAllowed(req, res, next);',
    },
  ],
} satisfies WrongSubmission;
