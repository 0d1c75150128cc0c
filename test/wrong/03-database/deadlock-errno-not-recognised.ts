import type { WrongSubmission } from '../types.js';

export default {
  description: 'the retry recognises a lock wait timeout (1205) but not a deadlock (1213), so deadlock victims are not run again',
  caughtBy: 'a burst of updates replacing the tags of the same articles all succeed, each article ending with the tags of one of them',
  dialects: ['mysql'],
  edits: [
    {
      file: 'src/db/concurrency.ts',
      find: 'return errno === ER_LOCK_DEADLOCK || errno === ER_LOCK_WAIT_TIMEOUT;',
      replace: 'return errno === ER_LOCK_WAIT_TIMEOUT;',
    },
  ],
} satisfies WrongSubmission;
