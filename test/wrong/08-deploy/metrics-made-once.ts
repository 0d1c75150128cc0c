import type { WrongSubmission } from '../types.js';

// "Create the metrics once": the first app's metrics are handed to every later one, which all count together.
export default {
  description: "createMetrics makes its metrics once per process and returns the same ones to every app",
  caughtBy: "two apps made by createApp in one process keep their own metrics: requests answered by one are not counted by the other",
  edits: [
    { file: "src/http/metrics.ts", find: "export function createMetrics({ db, token }: { db?: Sequelize; token?: string }): Metrics {\n", replace: "let made: Metrics | undefined;\n\nexport function createMetrics({ db, token }: { db?: Sequelize; token?: string }): Metrics {\n  if (made) return made;\n" },
    { file: "src/http/metrics.ts", find: "  return { middleware, handler, registry };", replace: "  return (made = { middleware, handler, registry });" },
  ],
} satisfies WrongSubmission;
