import type { WrongSubmission } from '../types.js';

export default {
  description: '.gitignore ignores *.json (meant for generated reports), which hides package.json and tsconfig.json too',
  caughtBy: '.gitignore keeps node_modules and .env out of git, and nothing the project needs',
  edits: [{ file: '.gitignore', find: '\n# Logs\n*.log\n', replace: '\n# Logs and reports\n*.log\n*.json\n' }],
} satisfies WrongSubmission;
