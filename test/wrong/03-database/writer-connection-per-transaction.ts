import type { WrongSubmission } from '../types.js';

export default {
  description: 'the SQLite writer queue opens a fresh connection for every transaction and never closes the previous one',
  caughtBy: 'a burst of 100 concurrent writes leaves no more files open on the database than a single write',
  dialects: ['sqlite'],
  edits: [
    {
      file: 'src/db/concurrency.ts',
      find: 'writer ??= withBusyTimeout(await open({ ...options, uuid: WRITER }));',
      replace: 'writer = withBusyTimeout(await open({ ...options, uuid: `${WRITER}-${options.uuid}` }));',
    },
  ],
} satisfies WrongSubmission;
