import type { WrongSubmission } from '../types.js';

export default {
  description: 'dotenv.config() is called after PORT has been read, so the value from .env comes too late',
  caughtBy: 'src/server.ts reads PORT from .env, answers GET / with a JSON greeting and logs its URL',
  edits: [
    { file: 'src/server.ts', find: "// Loads .env into process.env. It must come first: imports run in order, before the code below.\nimport 'dotenv/config';\nimport express from 'express';\n", replace: "import dotenv from 'dotenv';\nimport express from 'express';\n" },
    { file: 'src/server.ts', find: 'const port = Number(process.env.PORT ?? 3000);\n', replace: 'const port = Number(process.env.PORT ?? 3000);\ndotenv.config();\n' },
  ],
} satisfies WrongSubmission;
