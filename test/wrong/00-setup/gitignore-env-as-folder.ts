import type { WrongSubmission } from '../types.js';

export default {
  description: '.gitignore says ".env/": with the slash, git ignores only a folder named .env, and the .env file gets committed',
  caughtBy: '.gitignore keeps node_modules and .env out of git, and nothing the project needs',
  edits: [{ file: '.gitignore', find: 'instead.\n.env\n', replace: 'instead.\n.env/\n' }],
} satisfies WrongSubmission;
