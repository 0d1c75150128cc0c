import type { WrongSubmission } from '../types.js';

// One registry for the module: the second app of a process (the next test) fails to register its metrics.
export default {
  description: "every app registers its metrics on one registry made when the module loads",
  caughtBy: "two apps made by createApp in one process keep their own metrics: requests answered by one are not counted by the other",
  edits: [
    { file: "src/http/metrics.ts", find: "export function createMetrics({ db, token }: { db?: Sequelize; token?: string }): Metrics {\n  const registry = new Registry();", replace: "const sharedRegistry = new Registry();\n\nexport function createMetrics({ db, token }: { db?: Sequelize; token?: string }): Metrics {\n  const registry = sharedRegistry;" },
  ],
} satisfies WrongSubmission;
