import type { WrongSubmission } from '../types.js';

export default {
  description: 'rootDir and outDir were left commented out, so npx tsc writes server.js next to server.ts in src/',
  caughtBy: "tsconfig.json follows Node's module rules, knows the Node types, and builds src/server.ts into dist/server.js",
  edits: [{ file: 'tsconfig.json', find: '    "rootDir": "src",\n    "outDir": "dist",\n', replace: '    // "rootDir": "./src",\n    // "outDir": "./dist",\n' }],
} satisfies WrongSubmission;
