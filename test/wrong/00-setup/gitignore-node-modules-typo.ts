import type { WrongSubmission } from '../types.js';

export default {
  description: '.gitignore says "node_module/" (no s), so node_modules is committed',
  caughtBy: '.gitignore keeps node_modules and .env out of git, and nothing the project needs',
  edits: [{ file: '.gitignore', find: '\nnode_modules/\n', replace: '\nnode_module/\n' }],
} satisfies WrongSubmission;
