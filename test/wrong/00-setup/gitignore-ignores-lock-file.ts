import type { WrongSubmission } from '../types.js';

export default {
  description: '.gitignore ignores package-lock.json "because it is generated", so npm ci has nothing to install from',
  caughtBy: '.gitignore keeps node_modules and .env out of git, and nothing the project needs',
  edits: [{ file: '.gitignore', find: '\n# Logs\n', replace: '\npackage-lock.json\n\n# Logs\n' }],
} satisfies WrongSubmission;
