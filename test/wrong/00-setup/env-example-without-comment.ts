import type { WrongSubmission } from '../types.js';

export default {
  description: '.env.example holds the bare line PORT=3000, with no comment to say what it is for',
  caughtBy: '.env.example documents every variable the server reads, each with a comment and a safe example value, and is not git-ignored',
  files: { '.env.example': 'PORT=3000\n' },
} satisfies WrongSubmission;
