import type { WrongSubmission } from '../types.js';

// The pattern and the length split into two rules, the length a refine "for a clearer message":
// the document keeps the pattern and loses the length, so it allows a 65-character username.
export default {
  description: 'the username pattern is /^[\\w.-]+$/ and its 64-character limit a refine: the API refuses 65 characters, the document allows any length',
  caughtBy: 'the API accepts a request body exactly when the schema its document gives for it does: required fields, types, and the limits at their edges',
  edits: [{ file: 'src/http/schemas.ts', find: "  .regex(/^[\\w.-]{1,64}$/, { error: 'must be 1 to 64 letters, digits, _ . or -' })\n", replace: "  .regex(/^[\\w.-]+$/, { error: 'must be 1 to 64 letters, digits, _ . or -' })\n  .refine((username) => username.length <= 64, { error: 'is too long (at most 64 characters)' })\n" }],
} satisfies WrongSubmission;
