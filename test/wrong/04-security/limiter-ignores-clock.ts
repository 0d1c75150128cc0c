import type { WrongSubmission } from '../types.js';

export default {
  description: "the limiter reads Date.now() instead of the clock the app was given: the checks cannot see the window end",
  caughtBy: "the limit ends with its 15 minutes: still 429 after 14 minutes, the right password logs in after 15 (the app's clock, moved by the check)",
  edits: [
    { file: "src/auth/rate-limit.ts", find: "    take(key) {\n      const now = clock().getTime();", replace: "    take(key) {\n      const now = Date.now();" },
  ],
} satisfies WrongSubmission;
