import type { WrongSubmission } from '../types.js';

// Readiness that always says ok: the load balancer keeps sending traffic to an instance without its database.
export default {
  description: "GET /health/ready reports the database ok without asking it",
  caughtBy: "/health/ready asks the database on every probe: 503 with checks.database \"unavailable\" while its queries fail or hang (within the probe's 1 s, with no host, port or error text in the body), 200 again as soon as it answers, and /health/live stays 200 throughout (on MySQL also through a connection the check cuts)",
  edits: [
    { file: "src/health/health.routes.ts", find: "      db ? probe('the database', () => db.query('SELECT 1')) : Promise.resolve<Verdict>('ok'),", replace: "      Promise.resolve<Verdict>('ok')," },
  ],
} satisfies WrongSubmission;
