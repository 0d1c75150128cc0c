import type { WrongSubmission } from '../types.js';

export default {
  description: 'the health route reads the clock once, when the router is built, and reports that same time forever',
  caughtBy: 'GET /health reports the time from the injected clock, as an ISO string',
  edits: [
    { file: 'src/health/health.routes.ts', find: '  const router = Router();\n', replace: '  const router = Router();\n  const time = clock().toISOString();\n' },
    { file: 'src/health/health.routes.ts', find: "res.json({ status: 'ok', time: clock().toISOString() });", replace: "res.json({ status: 'ok', time });" },
  ],
} satisfies WrongSubmission;
