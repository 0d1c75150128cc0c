import type { WrongSubmission } from '../types.js';

export default {
  description: 'the request id is set on req but never sent back in the X-Request-Id header',
  caughtBy: 'every response carries an X-Request-Id header, a different one per request',
  edits: [{ file: 'src/http/request-id.ts', find: "    res.set('X-Request-Id', req.id);\n", replace: '' }],
} satisfies WrongSubmission;
