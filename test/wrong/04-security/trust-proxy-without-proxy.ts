import type { WrongSubmission } from '../types.js';

export default {
  description: "the app trusts X-Forwarded-For (app.set('trust proxy', true)) with no proxy in front: every client picks its own address, and the login limit per client and email never fills",
  caughtBy: 'after 5 failed logins for one email, the 6th attempt answers 429, while another email from the same client still logs in and fails with 401',
  edits: [
    {
      file: 'src/app.ts',
      find: '  const app = express();\n',
      replace: "  const app = express();\n  app.set('trust proxy', true);\n",
    },
  ],
} satisfies WrongSubmission;
