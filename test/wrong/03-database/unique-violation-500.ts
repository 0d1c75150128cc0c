import type { WrongSubmission } from '../types.js';

export default {
  description: "the error handler does not know the database's constraint errors: a duplicate key becomes a 500",
  caughtBy: 'when the database refuses a duplicate, the API answers 422 in the error envelope, never 500',
  edits: [
    {
      file: 'src/http/error-handler.ts',
      find: 'const known = err instanceof HttpError ? err : (fromBodyParser(err) ?? fromBusyDatabase(err) ?? fromDatabase(err));',
      replace: 'const known = err instanceof HttpError ? err : (fromBodyParser(err) ?? fromBusyDatabase(err));',
    },
  ],
} satisfies WrongSubmission;
