import type { WrongSubmission } from '../types.js';

export default {
  description: 'tsconfig.json keeps "module": "commonjs" from an old template, so TypeScript no longer follows Node\'s rules for an ES module project',
  caughtBy: "tsconfig.json follows Node's module rules, knows the Node types, and builds src/server.ts into dist/server.js",
  edits: [{ file: 'tsconfig.json', find: '"module": "NodeNext",\n    "moduleResolution": "NodeNext",', replace: '"module": "commonjs",\n    "moduleResolution": "node",' }],
} satisfies WrongSubmission;
