import type { WrongSubmission } from '../types.js';

export default {
  description: 'createApp has no default clock: called without one (clock is optional), GET /health fails with a 500',
  caughtBy: 'GET /health answers 200 with JSON {"status": "ok"}, from an app that createApp only builds',
  edits: [{ file: 'src/app.ts', find: 'export function createApp({ logger, clock = () => new Date() }: AppDeps): express.Express {', replace: 'export function createApp({ logger, clock }: AppDeps): express.Express {' }, { file: 'src/app.ts', find: '  app.use(healthRoutes(clock));', replace: '  app.use(healthRoutes(clock!));' }],
} satisfies WrongSubmission;
