import path from 'node:path';
import { createRequire } from 'node:module';
import express, { Router } from 'express';
import helmet from 'helmet';
import { openApiDocument } from '../http/openapi.js';

type Json = Record<string, unknown>;

/**
 * The document as its readers' tools like it: one server, /api, and every path written
 * relative to it (/articles/{slug}, not /api/articles/{slug}), so a client generator names the
 * base URL once. The health route lives outside /api, so its path item names its own server.
 */
function relativeToServer(doc: Json): Json {
  const paths: Json = {};
  for (const [key, item] of Object.entries(doc.paths as Json)) {
    if (key.startsWith('/api/')) paths[key.slice('/api'.length)] = item;
    else paths[key] = { servers: [{ url: '/', description: 'Outside the API' }], ...(item as Json) };
  }
  return { ...doc, servers: [{ url: '/api', description: 'This server' }], paths };
}

/** Where npm put swagger-ui-dist: its files are served from here, so the page needs no CDN. */
const SWAGGER_UI = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
/** The only files of the package the page uses (its own index.html and initializer show the petstore). */
const ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png', 'favicon-16x16.png']);

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Conduit API</title>
  <link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png" sizes="32x32">
  <link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"><noscript>This page needs JavaScript. The document itself is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript></div>
  <script src="/api/docs/swagger-ui-bundle.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>
`;

// A file of its own, not an inline <script>: the page's CSP allows scripts from this server only.
const INIT = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  // The default sends the document to an online validator for a badge: nothing leaves this server.
  validatorUrl: null,
  persistAuthorization: false,
});
`;

/**
 * GET /api/openapi.json: the document, generated from the zod schemas (src/http/openapi.ts),
 * its paths relative to its server (/api).
 * GET /api/docs: Swagger UI on it, from swagger-ui-dist, with no CDN. Mounted under /api.
 */
export function docsRoutes(): Router {
  const router = Router();
  const document = relativeToServer(openApiDocument());

  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });

  // Helmet's CSP for the API stays as it is; the docs page gets the same one without
  // upgrade-insecure-requests, which would send its scripts to https:// on a plain-HTTP dev server.
  const docsCsp = helmet.contentSecurityPolicy({ useDefaults: true, directives: { upgradeInsecureRequests: null } });

  router.get('/docs', docsCsp, (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get('/docs/init.js', docsCsp, (_req, res) => {
    res.type('js').send(INIT);
  });
  const assets = express.static(SWAGGER_UI, { index: false, fallthrough: true, maxAge: '1h' });
  router.get('/docs/:file', docsCsp, (req, res, next) => {
    if (!ASSETS.has(req.params.file)) return next();
    // express.static reads the path from the URL: hand it only the file's name.
    req.url = `/${req.params.file}`;
    assets(req, res, next);
  });
  return router;
}
