import type { WrongSubmission } from '../types.js';

export default {
  description: 'dotenv is loaded with override: true, so .env beats a PORT set in the shell (PORT=3001 npm run dev has no effect)',
  caughtBy: 'a PORT set in the environment wins over the one in .env',
  edits: [{ file: 'src/server.ts', find: "import 'dotenv/config';\nimport express from 'express';\n", replace: "import dotenv from 'dotenv';\nimport express from 'express';\n\ndotenv.config({ override: true });\n" }],
} satisfies WrongSubmission;
