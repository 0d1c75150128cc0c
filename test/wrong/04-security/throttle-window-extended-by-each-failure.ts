import type { WrongSubmission } from '../types.js';

export default {
  description: "each counted attempt moves the end of the window to 15 minutes from now: failures 7 minutes apart (never 5 within 15 minutes) pile up and lock the email out",
  caughtBy: "the limit ends with its 15 minutes: still 429 after 14 minutes, the right password logs in after 15 (the app's clock, moved by the check)",
  edits: [
    {
      file: 'src/auth/rate-limit.ts',
      find: '      entry.count += 1;\n      return 0;',
      replace: '      entry.count += 1;\n      entry.windowEnds = now + windowMs;\n      return 0;',
    },
  ],
} satisfies WrongSubmission;
