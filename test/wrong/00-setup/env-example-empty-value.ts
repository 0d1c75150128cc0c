import type { WrongSubmission } from '../types.js';

export default {
  description: '.env.example names PORT but gives it no example value',
  caughtBy: '.env.example documents every variable the server reads, each with a comment and a safe example value, and is not git-ignored',
  files: { '.env.example': '# The port the HTTP server listens on.\nPORT=\n' },
} satisfies WrongSubmission;
