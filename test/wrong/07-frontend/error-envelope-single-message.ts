import type { WrongSubmission } from '../types.js';

// { "errors": { "email": "…" } } is how many APIs write it; Conduit's envelope has a list of
// messages per field, and the documented schema no longer matches a single error answer.
export default {
  description: 'the error envelope is documented with one message per field (a string) instead of a list of messages',
  caughtBy: 'every answer of a whole Conduit session, successes and errors, has its status documented for its route and a body valid against the documented schema',
  edits: [{ file: 'src/http/schemas.ts', find: '    errors: z.record(z.string(), z.array(z.string())).meta({', replace: '    errors: z.record(z.string(), z.string()).meta({' }],
} satisfies WrongSubmission;
