import type { WrongSubmission } from '../types.js';

export default {
  description: 'nodemon runs the dev loop but was installed with npm i nodemon, as a runtime dependency',
  caughtBy: 'typescript, tsx (or nodemon) and the @types of node, express, bcrypt and jsonwebtoken are devDependencies, and no dev tool is a dependency',
  edits: [
    { file: 'package.json', find: '"dev": "tsx watch src/server.ts"', replace: '"dev": "nodemon --watch src --ext ts --exec tsx src/server.ts"' },
    { file: 'package.json', find: '"mysql2": "^3.15.0",', replace: '"mysql2": "^3.15.0",\n    "nodemon": "^3.1.10",' },
  ],
} satisfies WrongSubmission;
