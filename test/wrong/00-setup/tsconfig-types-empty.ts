import type { WrongSubmission } from '../types.js';

export default {
  description: 'tsconfig.json keeps the "types": [] that npx tsc --init writes, so the Node types are not loaded',
  caughtBy: "tsconfig.json follows Node's module rules, knows the Node types, and builds src/server.ts into dist/server.js",
  edits: [{ file: 'tsconfig.json', find: '"types": ["node"],', replace: '"types": [],' }],
} satisfies WrongSubmission;
