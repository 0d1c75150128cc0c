import type { WrongSubmission } from '../types.js';

// A refine is code: zod cannot put it in JSON Schema. Without .meta({ minLength }) the document
// says any string is a password, and a generated client lets "short" through to a 422.
export default {
  description: 'the password minimum is a refine without .meta({ minLength }): the API refuses 7 characters, the document allows any string',
  caughtBy: 'the API accepts a request body exactly when the schema its document gives for it does: required fields, types, and the limits at their edges',
  edits: [{ file: 'src/http/schemas.ts', find: "  .meta({ description: `At least ${MIN_PASSWORD_LENGTH} characters and at most ${MAX_PASSWORD_BYTES} bytes in UTF-8.`, minLength: MIN_PASSWORD_LENGTH, examples: ['jakejake'] });", replace: "  .meta({ description: `At least ${MIN_PASSWORD_LENGTH} characters and at most ${MAX_PASSWORD_BYTES} bytes in UTF-8.`, examples: ['jakejake'] });" }],
} satisfies WrongSubmission;
