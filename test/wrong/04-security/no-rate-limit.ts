import type { WrongSubmission } from '../types.js';

export default {
  description: 'failed logins are counted but the limit is never checked: unlimited guesses',
  caughtBy: 'repeated failed logins get 429 with a Retry-After header, even for the right password',
  edits: [{ file: 'src/users/users.service.ts', find: '      if (wait > 0) throw new TooManyRequestsError(wait);\n', replace: '' }],
} satisfies WrongSubmission;
