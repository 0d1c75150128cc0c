import type { WrongSubmission } from '../types.js';

export default {
  description: 'the port is typed as a number but holds the string from process.env (it still runs, so only tsc notices)',
  caughtBy: 'the project type-checks with no errors (npx tsc --noEmit)',
  edits: [{ file: 'src/server.ts', find: 'const port = Number(process.env.PORT ?? 3000);', replace: 'const port: number = process.env.PORT ?? 3000;' }],
} satisfies WrongSubmission;
