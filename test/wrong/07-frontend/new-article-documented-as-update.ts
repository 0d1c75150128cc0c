import type { WrongSubmission } from '../types.js';

// Two operations on articles, two request schemas with similar names: POST documents the update's
// body, in which every field is optional, while the API requires title, description and body.
export default {
  description: 'POST /api/articles documents UpdateArticleRequest (all fields optional) as its request body',
  caughtBy: 'the API accepts a request body exactly when the schema its document gives for it does: required fields, types, and the limits at their edges',
  edits: [{ file: 'src/http/openapi.ts', find: "auth: 'required', body: 'NewArticleRequest',", replace: "auth: 'required', body: 'UpdateArticleRequest'," }],
} satisfies WrongSubmission;
