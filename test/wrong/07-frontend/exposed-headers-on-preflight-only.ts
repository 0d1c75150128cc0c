import type { WrongSubmission } from '../types.js';

// CORS by hand, with every Access-Control-* header of the preflight written in one place:
// Access-Control-Expose-Headers belongs on the answer the page reads, and there it is missing.
export default {
  description: 'a hand-written CORS middleware sends Access-Control-Expose-Headers on preflights only, not on the answers the page reads',
  caughtBy: 'a request from an origin in CORS_ORIGINS gets Access-Control-Allow-Origin with exactly that origin on successes and errors, with ETag, Retry-After and X-Request-Id exposed',
  files: {
    'src/http/cors.ts': `import type { RequestHandler } from 'express';

export const CORS_EXPOSED_HEADERS = ['ETag', 'Retry-After', 'X-Request-Id'] as const;

export function corsPolicy(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.get('Origin');
    if (origin === undefined || !allowed.has(origin)) {
      if (req.method === 'OPTIONS' && req.get('Access-Control-Request-Method') !== undefined) {
        res.status(204).end();
        return;
      }
      return next();
    }
    res.set('Access-Control-Allow-Origin', origin);
    if (req.method === 'OPTIONS' && req.get('Access-Control-Request-Method') !== undefined) {
      res.set({
        'Access-Control-Allow-Methods': 'GET,HEAD,POST,PUT,DELETE',
        'Access-Control-Allow-Headers': 'Authorization,Content-Type',
        'Access-Control-Expose-Headers': CORS_EXPOSED_HEADERS.join(','),
        'Access-Control-Max-Age': '600',
      });
      res.status(204).end();
      return;
    }
    next();
  };
}
`,
  },
} satisfies WrongSubmission;
