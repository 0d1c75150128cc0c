import type { WrongSubmission } from '../types.js';

// A database that hangs (packets dropped) hangs the probe too, and the orchestrator's probe times out instead of reading a 503.
export default {
  description: "the readiness probe awaits the query without a timeout",
  caughtBy: "/health/ready asks the database on every probe: 503 with checks.database \"unavailable\" while its queries fail or hang (within the probe's 1 s, with no host, port or error text in the body), 200 again as soon as it answers, and /health/live stays 200 throughout (on MySQL also through a connection the check cuts)",
  edits: [
    { file: "src/health/health.routes.ts", find: "    await answerWithin(work(), DEPENDENCY_TIMEOUT_MS, what);", replace: "    await work();" },
  ],
} satisfies WrongSubmission;
