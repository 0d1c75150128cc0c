import type { WrongSubmission } from '../types.js';

export default {
  description: 'X-Powered-By is left on: every response tells scanners it is Express',
  caughtBy: 'responses do not advertise Express in an X-Powered-By header',
  edits: [{ file: 'src/app.ts', find: "  app.disable('x-powered-by');\n", replace: '' }],
} satisfies WrongSubmission;
