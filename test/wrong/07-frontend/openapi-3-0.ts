import type { WrongSubmission } from '../types.js';

// Most OpenAPI examples online still say 3.0.x; copied, it claims a dialect in which
// ["string", "null"] and the rest of JSON Schema 2020-12 that zod writes are not valid.
export default {
  description: 'the document says "openapi": "3.0.3" (copied from an older example) although its schemas are JSON Schema 2020-12',
  caughtBy: 'GET /api/openapi.json answers a valid OpenAPI 3.1 document',
  edits: [{ file: 'src/http/openapi.ts', find: "    openapi: '3.1.0',", replace: "    openapi: '3.0.3'," }],
} satisfies WrongSubmission;
