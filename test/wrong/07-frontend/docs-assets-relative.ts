import type { WrongSubmission } from '../types.js';

// Relative paths look right next to the files, but the page is served at /api/docs (no trailing
// slash): the browser resolves swagger-ui.css to /api/swagger-ui.css, which is a 404.
export default {
  description: 'the docs page refers to its assets relatively (href="swagger-ui.css"), so from /api/docs they resolve under /api/ and are not found',
  caughtBy: 'GET /api/docs answers an HTML page whose scripts and styles all come from the API itself, and load, and no other answer loosens its policy',
  edits: [
    { file: 'src/docs/docs.routes.ts', find: '  <link rel="stylesheet" href="/api/docs/swagger-ui.css">', replace: '  <link rel="stylesheet" href="swagger-ui.css">' },
    { file: 'src/docs/docs.routes.ts', find: '  <script src="/api/docs/swagger-ui-bundle.js"></script>\n  <script src="/api/docs/init.js"></script>', replace: '  <script src="swagger-ui-bundle.js"></script>\n  <script src="init.js"></script>' },
  ],
} satisfies WrongSubmission;
