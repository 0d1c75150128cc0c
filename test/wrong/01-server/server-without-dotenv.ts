import type { WrongSubmission } from '../types.js';

export default {
  description: "server.ts no longer loads .env (the import 'dotenv/config' line was dropped), so PORT in .env is ignored",
  caughtBy: 'npx tsx src/server.ts starts and answers GET /health on the PORT from .env',
  edits: [{ file: 'src/server.ts', find: "import 'dotenv/config';\n", replace: '' }],
} satisfies WrongSubmission;
