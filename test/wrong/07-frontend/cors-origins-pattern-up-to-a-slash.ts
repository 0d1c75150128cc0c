import type { WrongSubmission } from '../types.js';

// A pattern is the other check that comes to mind: http or https, then anything up to a slash or
// a question mark. It refuses the paths and the queries, and lets through a fragment, a user name
// and a port that is not a number, none of which a browser ever sends as an Origin.
export default {
  description: 'each CORS_ORIGINS entry is matched against /^https?:\\/\\/[^/?]+$/ instead of being exactly an origin: http://ada@localhost:4100, a #fragment and http://localhost:port are accepted',
  caughtBy: 'an invalid CORS_ORIGINS stops the server at start-up naming CORS_ORIGINS: *, an origin without a scheme, one with a path, a query, a fragment, a user name or a port that is not a number, an empty entry',
  edits: [
    {
      file: 'src/config.ts',
      find: `    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      return 'is not an origin';
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must start with http:// or https://';
    if (url.username !== '' || url.password !== '') return 'must not hold a user name or password';
    // URL's origin is the form a browser sends: lower-case host, no default port, no path, no slash.
    if (entry !== url.origin) return \`is not exactly an origin: a browser sends "\${url.origin}"\`;
    return undefined;`,
      replace: `    if (!/^https?:\\/\\/[^/?]+$/.test(entry)) return 'must be http:// or https://, a host and an optional port, nothing after';
    return undefined;`,
    },
  ],
} satisfies WrongSubmission;
