import type { WrongSubmission } from '../types.js';

// The cors package adds Vary: Origin when it sets the allow header, so a learner who relies on it
// gets Vary on allowed answers only: a cache then hands the headerless answer to a stranger (or a
// plain curl) out to the front end.
export default {
  description: 'Vary: Origin only on answers to allowed origins (left to the cors package), not on every answer',
  caughtBy: 'no answer says Access-Control-Allow-Origin: * or Access-Control-Allow-Credentials, and every answer carries Vary: Origin',
  edits: [{ file: 'src/http/cors.ts', find: "    res.vary('Origin');\n", replace: '' }],
} satisfies WrongSubmission;
