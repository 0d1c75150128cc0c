import type { WrongSubmission } from '../types.js';

export default {
  description: '"strict": true is there, but "noImplicitAny": false quietly turns part of it off again',
  caughtBy: 'tsconfig.json turns on strict mode',
  edits: [{ file: 'tsconfig.json', find: '"strict": true,', replace: '"strict": true,\n    "noImplicitAny": false,' }],
} satisfies WrongSubmission;
