import type { WrongSubmission } from '../types.js';

// Everything else in the document lives under /api, so the health route is written there too;
// the API answers it at /health, and /api/health is a 404.
export default {
  description: 'the health route is documented as GET /api/health, a path the API does not answer (it is /health)',
  caughtBy: 'the document has every Conduit route with its method, path parameters and the list query parameters, and documents nothing the API does not answer',
  edits: [{ file: 'src/http/openapi.ts', find: "    '/health': {", replace: "    '/api/health': {" }],
} satisfies WrongSubmission;
