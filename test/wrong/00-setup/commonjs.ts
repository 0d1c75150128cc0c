import type { WrongSubmission } from '../types.js';

export default {
  description: 'package.json keeps the "type": "commonjs" that npm init -y writes',
  caughtBy: 'package.json sets "type": "module", so the project uses ES modules',
  edits: [{ file: 'package.json', find: '"type": "module",', replace: '"type": "commonjs",' }],
} satisfies WrongSubmission;
