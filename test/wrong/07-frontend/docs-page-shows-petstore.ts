import type { WrongSubmission } from '../types.js';

// swagger-ui-dist's folder served as it is: its index.html loads its own swagger-initializer.js,
// which shows Swagger's petstore, not this API. Everything comes from the server, and loads.
export default {
  description: "swagger-ui-dist's folder is served whole under /api/docs/ with its own swagger-initializer.js, so the page shows the petstore example, not /api/openapi.json",
  caughtBy: 'GET /api/docs answers an HTML page whose scripts and styles all come from the API itself, and load, and no other answer loosens its policy',
  files: {
    'src/docs/docs.routes.ts': `import { createRequire } from 'node:module';
import express, { Router } from 'express';
import helmet from 'helmet';
import { openApiDocument } from '../http/openapi.js';

const SWAGGER_UI_DIR = (createRequire(import.meta.url)('swagger-ui-dist/absolute-path.js') as () => string)();

export function docsRoutes(): Router {
  const router = Router();
  const document = openApiDocument();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  const csp = helmet.contentSecurityPolicy({ useDefaults: true, directives: { upgradeInsecureRequests: null, imgSrc: ["'self'", 'data:'] } });
  router.get('/docs', (req, res, next) => {
    if (req.originalUrl.split('?')[0].endsWith('/')) return next();
    res.redirect(301, '/api/docs/');
  });
  router.use('/docs', csp, express.static(SWAGGER_UI_DIR, { index: 'index.html', redirect: false }));
  return router;
}
`,
  },
} satisfies WrongSubmission;
