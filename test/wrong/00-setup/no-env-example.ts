import type { WrongSubmission } from '../types.js';

export default {
  description: 'there is a local .env but no .env.example, so nobody else knows PORT must be set',
  caughtBy: '.env.example documents every variable the server reads, each with a comment and a safe example value, and is not git-ignored',
  remove: ['.env.example'],
} satisfies WrongSubmission;
