import type { WrongSubmission } from '../types.js';

// The app's own metrics only: no CPU, memory or event loop lag to look at when it is slow.
export default {
  description: "/metrics leaves out Node's process metrics",
  caughtBy: "the metrics include the http_requests_in_flight gauge, db_pool_connections by state (in_use, idle, waiting) and Node's process metrics (process_cpu_seconds_total, nodejs_eventloop_lag_seconds)",
  edits: [
    { file: "src/http/metrics.ts", find: "    exposed ??= Registry.merge([registry, processMetrics()]);", replace: "    exposed ??= registry;" },
  ],
} satisfies WrongSubmission;
