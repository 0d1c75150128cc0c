import type { WrongSubmission } from '../types.js';
// The three-line initializer looks too small for a file of its own, so it goes inline; helmet's
// script-src 'self' then blocks it in every browser and the docs page stays blank, while curl shows
// a perfectly good page.
export default {
  description: "the docs page starts Swagger UI with an inline <script>, which the docs page's CSP (script-src 'self') blocks in a browser",
  caughtBy: 'GET /api/docs answers an HTML page whose scripts and styles all come from the API itself, and load, and no other answer loosens its policy',
  edits: [
    {
      file: 'src/docs/docs.routes.ts',
      find: '  <script src="/api/docs/init.js"></script>',
      replace: "  <script>window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui' });</script>",
    },
  ],
} satisfies WrongSubmission;
