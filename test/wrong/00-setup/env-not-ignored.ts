import type { WrongSubmission } from '../types.js';

export default {
  description: '.gitignore lists node_modules but forgets .env, so the secrets get committed',
  caughtBy: '.gitignore keeps node_modules and .env out of git, and nothing the project needs',
  edits: [{ file: '.gitignore', find: '# Local configuration and secrets. Commit .env.example instead.\n.env\n', replace: '' }],
} satisfies WrongSubmission;
