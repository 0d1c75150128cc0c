import type { WrongSubmission } from '../types.js';

// A 400 for malformed JSON (a broken client, a scanner) never reaches the histogram: the 4xx rate is wrong.
export default {
  description: "the metrics middleware is mounted after express.json(), so requests the body parser refuses (bad JSON) are never counted",
  caughtBy: "http_request_duration_seconds counts every request once under its route template: GET /api/articles/:slug for two slugs counts under route=\"/api/articles/:slug\" by method and status_code, no label holds a slug or a path, unknown paths share one route value, and /metrics and the health probes are not counted",
  edits: [
    { file: "src/app.ts", find: "  app.use(metrics.middleware);\n", replace: "" },
    { file: "src/app.ts", find: "  app.use(express.json({ limit: '1mb' }));\n", replace: "  app.use(express.json({ limit: '1mb' }));\n  app.use(metrics.middleware);\n" },
  ],
} satisfies WrongSubmission;
