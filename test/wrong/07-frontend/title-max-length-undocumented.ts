import type { WrongSubmission } from '../types.js';

// The lengths are enforced with a refine (to count code points), and a refine has no JSON Schema:
// without the .meta({ maxLength }) beside it the document says any title length is fine.
export default {
  description: 'the article fields keep their length refine but lose .meta({ maxLength }): the document does not say titles stop at 255 characters',
  caughtBy: 'the API accepts a request body exactly when the schema its document gives for it does: required fields, types, and the limits at their edges',
  edits: [{ file: 'src/http/schemas.ts', find: '    .refine(...atMost(MAX_LENGTH[field]))\n    .meta({ maxLength: MAX_LENGTH[field] });', replace: '    .refine(...atMost(MAX_LENGTH[field]));' }],
} satisfies WrongSubmission;
