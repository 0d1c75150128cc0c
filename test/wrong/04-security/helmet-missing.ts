import type { WrongSubmission } from '../types.js';

export default {
  description: 'helmet is installed but never used: no security headers',
  caughtBy: "every answer carries helmet's security headers: X-Content-Type-Options: nosniff, and a Content-Security-Policy or X-Frame-Options",
  edits: [{ file: 'src/app.ts', find: '  app.use(helmet());\n', replace: '' }],
} satisfies WrongSubmission;
