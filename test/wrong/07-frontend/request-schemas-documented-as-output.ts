import type { WrongSubmission } from '../types.js';

// z.toJSONSchema's default is io: 'output', where a zod object says additionalProperties: false.
// Used for the request bodies too, the document refuses a field the API ignores (a role sent
// at registration, the email the Postman suite sends with a follow).
export default {
  description: "the request schemas are converted with zod's default io: 'output', so the document says additionalProperties: false while the API ignores unknown fields",
  caughtBy: 'the API accepts a request body exactly when the schema its document gives for it does: required fields, types, and the limits at their edges',
  edits: [{ file: 'src/http/openapi.ts', find: "z.toJSONSchema(requestComponents, { target: TARGET, io: 'input', uri })", replace: 'z.toJSONSchema(requestComponents, { target: TARGET, uri })' }],
} satisfies WrongSubmission;
