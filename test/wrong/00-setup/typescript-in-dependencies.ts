import type { WrongSubmission } from '../types.js';

export default {
  description: 'typescript was installed with npm i typescript (no -D), so it is a runtime dependency',
  caughtBy: 'typescript, tsx (or nodemon) and the @types of node, express, bcrypt and jsonwebtoken are devDependencies, and no dev tool is a dependency',
  edits: [
    { file: 'package.json', find: '"tsx": "^4.20.0",\n    "typescript": "~5.9.3"', replace: '"tsx": "^4.20.0"' },
    { file: 'package.json', find: '"sequelize": "^6.37.7"', replace: '"sequelize": "^6.37.7",\n    "typescript": "~5.9.3"' },
  ],
} satisfies WrongSubmission;
