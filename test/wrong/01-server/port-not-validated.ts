import type { WrongSubmission } from '../types.js';

export default {
  description: 'PORT is turned into a number but never checked: PORT=not-a-port crashes in listen() with a stack trace',
  caughtBy: 'PORT must be a whole number from 0 to 65535: other values stop the server with a message naming PORT, not a stack trace',
  edits: [
    {
      file: 'src/config.ts',
      find: '  if (!Number.isInteger(port) || port < 0 || port > 65535) {\n    problems.push(`PORT must be a whole number from 0 to 65535 (got "${env.PORT}")`);\n  }\n',
      replace: '',
    },
  ],
} satisfies WrongSubmission;
