import type { WrongSubmission } from '../types.js';

// Parameters are optional unless said otherwise, and the helper is written like the query ones:
// OpenAPI requires "required": true on every path parameter, so the document is invalid.
export default {
  description: 'path parameters ({slug}, {username}, {id}) are declared without "required": true',
  caughtBy: 'GET /api/openapi.json answers a valid OpenAPI 3.1 document',
  edits: [
    {
      file: 'src/http/openapi.ts',
      find: "({ name, in: 'path', required: true, description, schema });",
      replace: "({ name, in: 'path', description, schema });",
    },
  ],
} satisfies WrongSubmission;
