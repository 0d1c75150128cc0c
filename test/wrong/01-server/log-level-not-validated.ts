import type { WrongSubmission } from '../types.js';

export default {
  description: 'LOG_LEVEL is never checked: LOG_LEVEL=verbose starts a server whose logger knows no such level',
  caughtBy: 'every invalid variable is reported at once: PORT, NODE_ENV and LOG_LEVEL each named',
  edits: [
    {
      file: 'src/config.ts',
      find: "  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {\n    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got \"${logLevel}\")`);\n  }\n",
      replace: '',
    },
  ],
} satisfies WrongSubmission;
