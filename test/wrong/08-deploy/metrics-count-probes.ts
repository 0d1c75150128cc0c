import type { WrongSubmission } from '../types.js';

// The probes and the scrapes counted with the users' requests: a probe every few seconds drowns the real traffic.
export default {
  description: "/metrics and the health probes are counted in the histogram",
  caughtBy: "http_request_duration_seconds counts every request once under its route template: GET /api/articles/:slug for two slugs counts under route=\"/api/articles/:slug\" by method and status_code, no label holds a slug or a path, unknown paths share one route value, and /metrics and the health probes are not counted",
  edits: [
    { file: "src/http/metrics.ts", find: "    if (NOT_COUNTED.test(req.path)) return next();\n", replace: "" },
  ],
} satisfies WrongSubmission;
