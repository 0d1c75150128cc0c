import type { WrongSubmission } from '../types.js';

// inc() without the matching dec(): the gauge only grows.
export default {
  description: "http_requests_in_flight is not decremented when a request finishes",
  caughtBy: "the metrics include the http_requests_in_flight gauge, db_pool_connections by state (in_use, idle, waiting) and Node's process metrics (process_cpu_seconds_total, nodejs_eventloop_lag_seconds)",
  edits: [
    { file: "src/http/metrics.ts", find: "      done = true;\n      inFlight.dec();", replace: "      done = true;" },
  ],
} satisfies WrongSubmission;
