import type { WrongSubmission } from '../types.js';

// Swagger UI's own quick start loads it from unpkg: one page, no dependency. The page is then
// blank offline, behind a proxy, and under the API's Content-Security-Policy.
export default {
  description: 'the docs page loads swagger-ui.css and swagger-ui-bundle.js from unpkg.com',
  caughtBy: 'GET /api/docs answers an HTML page whose scripts and styles all come from the API itself, and load, and no other answer loosens its policy',
  edits: [
    { file: 'src/docs/docs.routes.ts', find: '  <link rel="stylesheet" href="/api/docs/swagger-ui.css">', replace: '  <link rel="stylesheet" href="https://unpkg.com/swagger-ui-dist@5/swagger-ui.css">' },
    { file: 'src/docs/docs.routes.ts', find: '  <script src="/api/docs/swagger-ui-bundle.js"></script>', replace: '  <script src="https://unpkg.com/swagger-ui-dist@5/swagger-ui-bundle.js" crossorigin></script>' },
  ],
} satisfies WrongSubmission;
