import type { WrongSubmission } from '../types.js';

// "At most 64" written as "< 64": a tag of exactly 64 characters, which the document allows
// (maxLength 64), is refused with 422.
export default {
  description: 'the tag length rule is written tag.length < 64, so a tag of exactly 64 characters is refused while the document says maxLength 64',
  caughtBy: 'the API accepts a request body exactly when the schema its document gives for it does: required fields, types, and the limits at their edges',
  edits: [{ file: 'src/http/schemas.ts', find: '.refine((tags) => tags.every((tag) => !longerThan(tag.trim(), MAX_LENGTH.tag)), ', replace: '.refine((tags) => tags.every((tag) => tag.trim().length < MAX_LENGTH.tag), ' }],
} satisfies WrongSubmission;
