import type { WrongSubmission } from '../types.js';

// The lesson names req.baseUrl + req.route.path; read too late it loses the mount path on errors.
export default {
  description: "the route label is read when the answer finishes, as req.baseUrl + req.route.path: a route that throws has left its router by then, so its 404s count as /articles/:slug",
  caughtBy: "http_request_duration_seconds counts every request once under its route template: GET /api/articles/:slug for two slugs counts under route=\"/api/articles/:slug\" by method and status_code, no label holds a slug or a path, unknown paths share one route value, and /metrics and the health probes are not counted",
  edits: [
    { file: "src/http/metrics.ts", find: "route: req.routeTemplate ?? UNMATCHED,", replace: "route: req.route ? `${req.baseUrl}${(req.route as { path: string }).path}` : UNMATCHED," },
    { file: "src/http/metrics.ts", find: "    rememberRouteTemplate(req);\n", replace: "" },
  ],
} satisfies WrongSubmission;
