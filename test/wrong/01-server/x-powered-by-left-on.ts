import type { WrongSubmission } from '../types.js';

export default {
  description: 'X-Powered-By is left on: every response tells scanners it is Express',
  caughtBy: 'no response advertises Express in an X-Powered-By header, errors included',
  edits: [{ file: 'src/app.ts', find: "  app.disable('x-powered-by');\n", replace: '' }],
} satisfies WrongSubmission;
