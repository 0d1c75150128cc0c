import type { WrongSubmission } from '../types.js';
// The docs page's inline initializer needs 'unsafe-inline', and it is granted in the app-wide
// helmet() call rather than on the docs router: every JSON answer now allows inline scripts.
export default {
  description: "script-src 'self' 'unsafe-inline' is set in the app-wide helmet() call, so every answer of the API, not only the docs page, allows inline scripts",
  caughtBy: 'GET /api/docs answers an HTML page whose scripts and styles all come from the API itself, and load, and no other answer loosens its policy',
  edits: [
    {
      file: 'src/app.ts',
      find: '  app.use(helmet());',
      replace: "  app.use(helmet({ contentSecurityPolicy: { directives: { scriptSrc: [\"'self'\", \"'unsafe-inline'\"] } } }));",
    },
  ],
} satisfies WrongSubmission;
