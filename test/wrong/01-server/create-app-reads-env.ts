import type { WrongSubmission } from '../types.js';

export default {
  description: 'createApp reads the body size limit straight from process.env instead of taking its settings from deps.config',
  caughtBy: 'GET /health answers 200 with JSON {"status": "ok"}, from an app that createApp only builds',
  edits: [{ file: 'src/app.ts', find: "  app.use(express.json({ limit: '100kb' }));", replace: "  app.use(express.json({ limit: process.env.BODY_LIMIT ?? '100kb' }));" }],
} satisfies WrongSubmission;
