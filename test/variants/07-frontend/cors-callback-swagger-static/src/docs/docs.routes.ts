import { createRequire } from 'node:module';
import express, { Router } from 'express';
import helmet from 'helmet';
import { openApiDocument } from '../http/openapi.js';

/** swagger-ui-dist's folder, found without loading its bundles into this process. */
const SWAGGER_UI_DIR = (createRequire(import.meta.url)('swagger-ui-dist/absolute-path.js') as () => string)();

/**
 * Replaces the package's own swagger-initializer.js, which shows the petstore: the same page,
 * pointed at our document. No online validator badge: nothing leaves this server.
 */
const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
};
`;

/**
 * The document, and its page: swagger-ui-dist's folder as it is, index.html included, served by express.static
 * under /api/docs/, with our initializer in front of the package's. Its Content-Security-Policy:
 * scripts and styles from this server only; swagger-ui sets style attributes, hence the inline
 * styles; no upgrade-insecure-requests, which would send its files to https:// on a plain-HTTP
 * development server. Every other route keeps helmet's default policy.
 */
export function docsRoutes(): Router {
  const router = Router();
  // GET /api/openapi.json: the document, generated once from the zod schemas (src/http/openapi.ts).
  const document = openApiDocument();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });

  const csp = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  });
  // The page's links are relative (./swagger-ui.css): they need the trailing slash. (Express 5
  // matches /docs with or without it, so look at the URL as it came.)
  router.get('/docs', (req, res, next) => {
    if (req.originalUrl.split('?')[0].endsWith('/')) return next();
    res.redirect(301, '/api/docs/');
  });
  router.use('/docs', csp);
  router.get('/docs/swagger-initializer.js', (_req, res) => {
    res.type('js').send(INITIALIZER);
  });
  router.use('/docs', express.static(SWAGGER_UI_DIR, { index: 'index.html', redirect: false, maxAge: '1h' }));
  return router;
}
