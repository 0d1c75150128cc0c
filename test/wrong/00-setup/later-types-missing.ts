import type { WrongSubmission } from '../types.js';

export default {
  description: 'only the four dev tools of the check line were installed: @types/bcrypt and @types/jsonwebtoken are missing',
  caughtBy: 'typescript, tsx (or nodemon) and the @types of node, express, bcrypt and jsonwebtoken are devDependencies, and no dev tool is a dependency',
  edits: [
    { file: 'package.json', find: '    "@types/bcrypt": "^6.0.0",\n', replace: '' },
    { file: 'package.json', find: '    "@types/jsonwebtoken": "^9.0.10",\n', replace: '' },
  ],
} satisfies WrongSubmission;
