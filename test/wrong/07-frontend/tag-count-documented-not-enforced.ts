import type { WrongSubmission } from '../types.js';

// .meta({ maxItems: 10 }) looks like a rule, and the refine that enforces it looks redundant next
// to it; meta only documents, so the document refuses 11 tags and the API takes them.
export default {
  description: 'the limit of 10 tags is only in .meta({ maxItems }) (documented), its refine removed: the API accepts 11 tags',
  caughtBy: 'the API accepts a request body exactly when the schema its document gives for it does: required fields, types, and the limits at their edges',
  edits: [{ file: 'src/http/schemas.ts', find: '  .refine((tags) => tags.length <= MAX_TAGS, { error: `has too many tags (at most ${MAX_TAGS})` })\n', replace: '' }],
} satisfies WrongSubmission;
