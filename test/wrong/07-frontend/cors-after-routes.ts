import type { WrongSubmission } from '../types.js';

// CORS added at the end of createApp, beside the other "extras": the routers answer first, and
// a preflight meets Express's own OPTIONS answer (or a route) without any CORS header.
export default {
  description: 'the CORS middleware is mounted after the routes, just before the 404 handler',
  caughtBy: 'a preflight from an allowed origin answers 2xx before any authentication, allowing GET, POST, PUT and DELETE with Authorization and Content-Type, cached for 600 seconds',
  edits: [
    { file: 'src/app.ts', find: '  app.use(corsPolicy(config.corsOrigins ?? []));\n', replace: '' },
    { file: 'src/app.ts', find: '  app.use(notFound());', replace: '  app.use(corsPolicy(config.corsOrigins ?? []));\n  app.use(notFound());' },
  ],
} satisfies WrongSubmission;
