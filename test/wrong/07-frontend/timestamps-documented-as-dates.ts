import type { WrongSubmission } from '../types.js';

// z.iso.date() reads like "a date"; it is a calendar date (2026-12-01), and the answers carry a
// full ISO 8601 timestamp, which the documented format refuses.
export default {
  description: 'createdAt and updatedAt are documented with z.iso.date() (format: date) while the API sends date-times',
  caughtBy: 'every answer of a whole Conduit session, successes and errors, has its status documented for its route and a body valid against the documented schema',
  edits: [{ file: 'src/http/schemas.ts', find: 'const timestamp = () => z.iso.datetime().meta(', replace: 'const timestamp = () => z.iso.date().meta(' }],
} satisfies WrongSubmission;
