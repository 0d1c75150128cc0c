import { Router, type RequestHandler } from 'express';
import type { Auth } from '../auth/middleware.js';
import { slugParam } from '../http/slug-param.js';
import type { Access, RouteSpec } from './route-table.js';

/**
 * One Router for the whole table, mounted under /api: each entry registered with the
 * authentication its access asks for, in the table's order (the feed before :slug).
 */
export function tableRouter(routes: readonly RouteSpec[], { requireAuth, optionalAuth }: Auth): Router {
  const router = Router();
  // A :slug no article can have (spaces, NUL, broken Unicode, too long) is a 404 before any query.
  router.param('slug', slugParam());
  const guards: Record<Access, RequestHandler[]> = { required: [requireAuth], optional: [optionalAuth], none: [] };
  for (const route of routes) router[route.method](route.path, ...guards[route.access], route.handler);
  return router;
}
