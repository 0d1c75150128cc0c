import type { WrongSubmission } from '../types.js';

// A server URL added to the document without rewriting its paths: every operation now sits at
// /api/api/…, where a client generated from it, or Swagger UI's "Try it out", sends its requests.
export default {
  description: 'the document gains servers: [{ url: "/api" }] while its paths still begin with /api, so every documented route is /api/api/…',
  caughtBy: 'the document has every Conduit route with its method, path parameters and the list query parameters, and documents nothing the API does not answer',
  edits: [{ file: 'src/http/openapi.ts', find: '    paths,\n    components: {', replace: "    servers: [{ url: '/api' }],\n    paths,\n    components: {" }],
} satisfies WrongSubmission;
