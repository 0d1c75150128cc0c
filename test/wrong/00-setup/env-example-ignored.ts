import type { WrongSubmission } from '../types.js';

export default {
  description: '.gitignore ignores .env* to catch .env.local and friends, and so hides .env.example too',
  caughtBy: '.env.example documents every variable the server reads, each with a comment and a safe example value, and is not git-ignored',
  edits: [{ file: '.gitignore', find: 'instead.\n.env\n', replace: 'instead.\n.env*\n' }],
} satisfies WrongSubmission;
