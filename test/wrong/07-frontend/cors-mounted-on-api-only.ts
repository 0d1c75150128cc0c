import type { WrongSubmission } from '../types.js';

// "CORS is for the API", so it is mounted under /api: /health and every path outside /api (their
// 404s included) answer without Access-Control-Allow-Origin and without Vary: Origin.
export default {
  description: "the CORS middleware is mounted with app.use('/api', …): /health and paths outside /api get no CORS headers and no Vary: Origin",
  caughtBy: 'no answer says Access-Control-Allow-Origin: * or Access-Control-Allow-Credentials, and every answer carries Vary: Origin',
  edits: [{ file: 'src/app.ts', find: '  app.use(corsPolicy(config.corsOrigins ?? []));', replace: "  app.use('/api', corsPolicy(config.corsOrigins ?? []));" }],
} satisfies WrongSubmission;
