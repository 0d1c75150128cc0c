import { Router } from 'express';
import { NotImplementedError } from '../http/errors.js';

/**
 * GET /api/openapi.json: the OpenAPI 3.1 document, built from src/http/schemas.ts.
 * GET /api/docs: a page that shows it to a human, with nothing loaded from a CDN.
 * Both are yours to write (docs/07-frontend.md#the-openapi-document, #a-docs-page).
 */
export function docsRoutes(): Router {
  const router = Router();
  router.get('/openapi.json', () => {
    throw new NotImplementedError('TODO(07-frontend) in src/docs/docs.routes.ts: GET /api/openapi.json');
  });
  router.get('/docs', () => {
    throw new NotImplementedError('TODO(07-frontend) in src/docs/docs.routes.ts: GET /api/docs');
  });
  return router;
}
