import type { WrongSubmission } from '../types.js';

export default {
  description: 'dotenv is installed but never loaded, so PORT from .env is never read',
  caughtBy: 'src/server.ts reads PORT from .env, answers GET / with a JSON greeting and logs its URL',
  edits: [
    {
      file: 'src/server.ts',
      find: "// Loads .env into process.env. It must come first: imports run in order, before the code below.\nimport 'dotenv/config';\n",
      replace: '',
    },
  ],
} satisfies WrongSubmission;
