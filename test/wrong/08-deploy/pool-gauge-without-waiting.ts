import type { WrongSubmission } from '../types.js';

// The pool gauge without the one state that says the pool is too small.
export default {
  description: "db_pool_connections has no waiting state",
  caughtBy: "the metrics include the http_requests_in_flight gauge, db_pool_connections by state (in_use, idle, waiting) and Node's process metrics (process_cpu_seconds_total, nodejs_eventloop_lag_seconds)",
  edits: [
    { file: "src/http/metrics.ts", find: "      this.set({ state: 'waiting' }, pool.waiting ?? 0);\n", replace: "" },
  ],
} satisfies WrongSubmission;
