import type { WrongSubmission } from '../types.js';

// The ETags of step 05 are forgotten in the document: a GET sent again with If-None-Match
// answers 304, which no operation lists, and a generated client treats it as an error.
export default {
  description: 'the document lists each status explicitly (no default response) and has no 304 for the GET routes, which answer 304 to a matching If-None-Match',
  caughtBy: 'every answer of a whole Conduit session, successes and errors, has its status documented for its route and a body valid against the documented schema',
  edits: [
    { file: 'src/http/openapi.ts', find: "for (const name of [...op.errors, 'Error' as const])", replace: 'for (const name of op.errors)' },
    { file: 'src/http/openapi.ts', find: "  if (cacheable) responses['304'] = ", replace: "  if (cacheable && Date.now() < 0) responses['304'] = " },
  ],
} satisfies WrongSubmission;
