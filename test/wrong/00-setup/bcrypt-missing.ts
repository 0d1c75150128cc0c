import type { WrongSubmission } from '../types.js';

export default {
  description: 'bcrypt was left out of the npm i command, so it is not a dependency',
  caughtBy: 'express, sequelize, mysql2, bcrypt, jsonwebtoken and dotenv are listed in dependencies',
  edits: [{ file: 'package.json', find: '\n    "bcrypt": "^6.0.0",', replace: '' }],
} satisfies WrongSubmission;
