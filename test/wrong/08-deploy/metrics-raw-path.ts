import type { WrongSubmission } from '../types.js';

// Metrics labelled by the raw path: one series per article, and a scanner makes millions.
export default {
  description: "the route label is the request path",
  caughtBy: "http_request_duration_seconds counts every request once under its route template: GET /api/articles/:slug for two slugs counts under route=\"/api/articles/:slug\" by method and status_code, no label holds a slug or a path, unknown paths share one route value, and /metrics and the health probes are not counted",
  edits: [
    { file: "src/http/metrics.ts", find: "      end({ method: req.method, route: req.routeTemplate ?? UNMATCHED, status_code: String(res.statusCode) });", replace: "      end({ method: req.method, route: req.path, status_code: String(res.statusCode) });" },
  ],
} satisfies WrongSubmission;
