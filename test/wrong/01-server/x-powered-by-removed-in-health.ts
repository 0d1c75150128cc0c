import type { WrongSubmission } from '../types.js';

export default {
  description: 'X-Powered-By is removed in the health route only: 404s, 400s and 500s still advertise Express',
  caughtBy: 'no response advertises Express in an X-Powered-By header, errors included',
  edits: [
    { file: 'src/app.ts', find: "  app.disable('x-powered-by');\n", replace: '' },
    { file: 'src/health/health.routes.ts', find: "  router.get('/health', (_req, res) => {\n", replace: "  router.get('/health', (_req, res) => {\n    res.removeHeader('X-Powered-By');\n" },
  ],
} satisfies WrongSubmission;
