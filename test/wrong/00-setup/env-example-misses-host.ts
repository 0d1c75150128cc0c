import type { WrongSubmission } from '../types.js';

export default {
  description: 'the server also reads HOST from the environment, but .env.example only documents PORT',
  caughtBy: '.env.example documents every variable the server reads, each with a comment and a safe example value, and is not git-ignored',
  edits: [
    { file: 'src/server.ts', find: 'app.listen(port, (error) => {', replace: "const host = process.env.HOST ?? '0.0.0.0';\n\napp.listen(port, host, (error) => {" },
  ],
} satisfies WrongSubmission;
