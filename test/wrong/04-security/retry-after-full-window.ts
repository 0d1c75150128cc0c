import type { WrongSubmission } from '../types.js';

export default {
  description: 'Retry-After always says the whole window (900 seconds), not the seconds left until it ends',
  caughtBy: "the limit ends with its 15 minutes: still 429 after 14 minutes, the right password logs in after 15 (the app's clock, moved by the check)",
  edits: [
    {
      file: 'src/auth/rate-limit.ts',
      find: '      if (entry.count >= max) return Math.max(1, Math.ceil((entry.windowEnds - now) / 1000));',
      replace: '      if (entry.count >= max) return Math.ceil(windowMs / 1000);',
    },
  ],
} satisfies WrongSubmission;
