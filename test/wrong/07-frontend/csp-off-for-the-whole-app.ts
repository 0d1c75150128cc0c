import type { WrongSubmission } from '../types.js';
// Swagger UI's page stayed blank under helmet's policy, so the policy goes, for every route: the
// docs page works, and the API's answers lose the one header that stops injected scripts.
export default {
  description: 'to make the docs page work, the whole app is given helmet({ contentSecurityPolicy: false }): no answer of the API has a Content-Security-Policy any more',
  caughtBy: 'GET /api/docs answers an HTML page whose scripts and styles all come from the API itself, and load, and no other answer loosens its policy',
  edits: [{ file: 'src/app.ts', find: '  app.use(helmet());', replace: '  app.use(helmet({ contentSecurityPolicy: false }));' }],
} satisfies WrongSubmission;
