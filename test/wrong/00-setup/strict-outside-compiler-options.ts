import type { WrongSubmission } from '../types.js';

export default {
  description: '"strict": true sits next to "compilerOptions" instead of inside it, where TypeScript ignores it',
  caughtBy: 'tsconfig.json turns on strict mode',
  edits: [
    { file: 'tsconfig.json', find: '    "strict": true,\n', replace: '' },
    { file: 'tsconfig.json', find: '  "include": ["src"]', replace: '  "strict": true,\n  "include": ["src"]' },
  ],
} satisfies WrongSubmission;
