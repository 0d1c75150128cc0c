import type { WrongSubmission } from '../types.js';

// The template when a route matched, the raw path when none did: random URLs still grow the label set.
export default {
  description: "a request no route matched is labelled with its path",
  caughtBy: "http_request_duration_seconds counts every request once under its route template: GET /api/articles/:slug for two slugs counts under route=\"/api/articles/:slug\" by method and status_code, no label holds a slug or a path, unknown paths share one route value, and /metrics and the health probes are not counted",
  edits: [
    { file: "src/http/metrics.ts", find: "route: req.routeTemplate ?? UNMATCHED,", replace: "route: req.routeTemplate ?? req.path," },
  ],
} satisfies WrongSubmission;
