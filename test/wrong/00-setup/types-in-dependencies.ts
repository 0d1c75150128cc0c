import type { WrongSubmission } from '../types.js';

export default {
  description: '@types/bcrypt and @types/jsonwebtoken were installed without -D, so they are runtime dependencies',
  caughtBy: 'typescript, tsx (or nodemon) and the @types of node, express, bcrypt and jsonwebtoken are devDependencies, and no dev tool is a dependency',
  edits: [
    { file: 'package.json', find: '    "@types/bcrypt": "^6.0.0",\n', replace: '' },
    { file: 'package.json', find: '    "@types/jsonwebtoken": "^9.0.10",\n', replace: '' },
    { file: 'package.json', find: '  "dependencies": {\n', replace: '  "dependencies": {\n    "@types/bcrypt": "^6.0.0",\n    "@types/jsonwebtoken": "^9.0.10",\n' },
  ],
} satisfies WrongSubmission;
