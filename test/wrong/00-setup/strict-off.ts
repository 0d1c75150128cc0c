import type { WrongSubmission } from '../types.js';

export default {
  description: 'strict mode is switched off in tsconfig.json to make a type error go away',
  caughtBy: 'tsconfig.json turns on strict mode',
  edits: [{ file: 'tsconfig.json', find: '"strict": true,', replace: '"strict": false,' }],
} satisfies WrongSubmission;
