import type { WrongSubmission } from '../types.js';

export default {
  description: 'helmet is mounted next to the API routes, after the health route: GET /health and every answer before it go out without the security headers',
  caughtBy: "every answer carries helmet's security headers: X-Content-Type-Options: nosniff, and a Content-Security-Policy or X-Frame-Options",
  edits: [
    { file: 'src/app.ts', find: '  app.use(helmet());\n', replace: '' },
    { file: 'src/app.ts', find: '  app.use(healthRoutes(clock));\n', replace: '  app.use(healthRoutes(clock));\n  app.use(helmet());\n' },
  ],
} satisfies WrongSubmission;
