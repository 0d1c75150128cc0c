import type { WrongSubmission } from '../types.js';

export default {
  description: 'a type error on the port is hidden with // @ts-ignore instead of being fixed',
  caughtBy: 'the project type-checks with no errors (npx tsc --noEmit)',
  edits: [{ file: 'src/server.ts', find: 'const port = Number(process.env.PORT ?? 3000);', replace: '// @ts-ignore -- process.env values are strings\nconst port: number = process.env.PORT ?? 3000;' }],
} satisfies WrongSubmission;
