import type { WrongSubmission } from '../types.js';

// "Is it a URL with http or https?" is the check that comes to mind; it lets through
// http://localhost:4100/ and http://localhost:4100/app, which a browser never sends as an Origin,
// so the front end configured that way is refused without a word.
export default {
  description: 'each CORS_ORIGINS entry is only checked to be an http(s) URL, not exactly an origin: a trailing slash or a path is accepted',
  caughtBy: 'an invalid CORS_ORIGINS stops the server at start-up naming CORS_ORIGINS: *, an origin without a scheme, one with a path, a query, a fragment, a user name or a port that is not a number, an empty entry',
  edits: [
    {
      file: 'src/config.ts',
      find: '    if (entry !== url.origin) return `is not exactly an origin: a browser sends "${url.origin}"`;\n',
      replace: '',
    },
  ],
} satisfies WrongSubmission;
