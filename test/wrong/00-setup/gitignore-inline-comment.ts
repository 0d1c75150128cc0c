import type { WrongSubmission } from '../types.js';

export default {
  description: '.gitignore has ".env # secrets": git has no comments at the end of a line, so the pattern never matches .env',
  caughtBy: '.gitignore keeps node_modules and .env out of git, and nothing the project needs',
  edits: [{ file: '.gitignore', find: 'instead.\n.env\n', replace: 'instead.\n.env # secrets, never commit\n' }],
} satisfies WrongSubmission;
