import type { WrongSubmission } from '../types.js';

// Many CORS tutorials set credentials: true by reflex; Conduit sends its token in a header, not a
// cookie, so it has no use for credentials mode and should not offer it.
export default {
  description: 'CORS answers carry Access-Control-Allow-Credentials: true (credentials: true, copied from a tutorial)',
  caughtBy: 'no answer says Access-Control-Allow-Origin: * or Access-Control-Allow-Credentials, and every answer carries Vary: Origin',
  edits: [{ file: 'src/http/cors.ts', find: '    credentials: false,', replace: '    credentials: true,' }],
} satisfies WrongSubmission;
