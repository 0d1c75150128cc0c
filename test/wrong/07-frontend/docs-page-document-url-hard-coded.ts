import type { WrongSubmission } from '../types.js';

// The URL copied from the browser's address bar while developing: on any other host or port
// the page asks localhost:3000 for the document (blocked by the page's own connect-src 'self').
export default {
  description: "the docs page points Swagger UI at http://localhost:3000/api/openapi.json, so served from any other host or port it cannot load the document",
  caughtBy: 'GET /api/docs answers an HTML page whose scripts and styles all come from the API itself, and load, and no other answer loosens its policy',
  edits: [{ file: 'src/docs/docs.routes.ts', find: "  url: '/api/openapi.json',", replace: "  url: 'http://localhost:3000/api/openapi.json'," }],
} satisfies WrongSubmission;
