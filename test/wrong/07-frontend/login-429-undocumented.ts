import type { WrongSubmission } from '../types.js';

// The throttle of step 04 lives in a middleware, out of sight of whoever writes the document:
// the login documents 200, 401 and 422, and the 429 a locked-out user gets is a surprise.
export default {
  description: 'the document lists each status explicitly (no default response) and the login route documents no 429, which its throttle answers after 5 wrong passwords',
  caughtBy: 'every answer of a whole Conduit session, successes and errors, has its status documented for its route and a body valid against the documented schema',
  edits: [
    { file: 'src/http/openapi.ts', find: "for (const name of [...op.errors, 'Error' as const])", replace: 'for (const name of op.errors)' },
    { file: 'src/http/openapi.ts', find: "errors: ['BadRequest', 'Unauthorized', 'ValidationFailed', 'TooManyRequests'] },", replace: "errors: ['BadRequest', 'Unauthorized', 'ValidationFailed'] }," },
  ],
} satisfies WrongSubmission;
