import type { WrongSubmission } from '../types.js';

export default {
  description: 'GET /health reads new Date() instead of the injected clock',
  caughtBy: 'GET /health reports the time from the injected clock, as an ISO string',
  edits: [{ file: 'src/health/health.routes.ts', find: 'time: clock().toISOString()', replace: 'time: new Date().toISOString()' }],
} satisfies WrongSubmission;
