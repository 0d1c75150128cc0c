import type { WrongSubmission } from '../types.js';

// "Anyone may call it, so it cannot answer 401": the routes where a token is optional document
// no 401, yet a token that is sent must be valid (step 04), and a stale one in a browser's
// storage gets exactly that answer.
export default {
  description: 'the document lists each status explicitly (no default response), and the routes where a token is optional document no 401, which an expired or forged token gets there',
  caughtBy: 'every answer of a whole Conduit session, successes and errors, has its status documented for its route and a body valid against the documented schema',
  edits: [
    { file: 'src/http/openapi.ts', find: "for (const name of [...op.errors, 'Error' as const])", replace: "for (const name of [...op.errors.filter((e) => op.auth !== 'optional' || e !== 'Unauthorized')])" },
  ],
} satisfies WrongSubmission;
