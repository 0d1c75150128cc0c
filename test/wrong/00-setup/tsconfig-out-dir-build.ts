import type { WrongSubmission } from '../types.js';

export default {
  description: 'the compiled code goes to build/ instead of dist/, where the start script does not look',
  caughtBy: "tsconfig.json follows Node's module rules, knows the Node types, and builds src/server.ts into dist/server.js",
  edits: [{ file: 'tsconfig.json', find: '"outDir": "dist",', replace: '"outDir": "build",' }],
} satisfies WrongSubmission;
