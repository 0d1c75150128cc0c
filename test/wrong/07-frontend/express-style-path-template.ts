import type { WrongSubmission } from '../types.js';

// Paths copied from the Express router keep its :slug form; OpenAPI writes parameters in braces,
// so /api/articles/:slug is a literal path no request matches, and the real route is undocumented.
export default {
  description: 'the article route is documented as /api/articles/:slug (Express syntax) instead of /api/articles/{slug}',
  caughtBy: 'the document has every Conduit route with its method, path parameters and the list query parameters, and documents nothing the API does not answer',
  edits: [{ file: 'src/http/openapi.ts', find: "    '/api/articles/{slug}': {", replace: "    '/api/articles/:slug': {" }],
} satisfies WrongSubmission;
