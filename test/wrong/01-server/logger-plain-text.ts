import type { WrongSubmission } from '../types.js';

export default {
  description: 'the logger prints readable text ("info request {...}") instead of one JSON object per line',
  caughtBy: 'with PORT, NODE_ENV and LOG_LEVEL unset, the server listens on 3000 and prints each request as one JSON line',
  edits: [
    {
      file: 'src/logger.ts',
      find: '    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, message, ...fields }));',
      replace: '    write(`${new Date().toISOString()} ${lvl} ${message} ${JSON.stringify(fields)}`);',
    },
  ],
} satisfies WrongSubmission;
