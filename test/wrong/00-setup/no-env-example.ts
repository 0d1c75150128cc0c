import type { WrongSubmission } from '../types.js';

export default {
  description: 'there is a local .env but no .env.example, so nobody else knows PORT must be set',
  caughtBy: '.env.example documents PORT and is not git-ignored',
  remove: ['.env.example'],
} satisfies WrongSubmission;
