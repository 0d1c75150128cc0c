import type { WrongSubmission } from '../types.js';

// One address trying many accounts gets 50 per instance: 100 with two, 500 with ten.
export default {
  description: "only the per-account login limit moves to Redis; the per-address limit (50 failures from one address) stays in each process",
  caughtBy: "two instances on one database and one Redis hold one limit per client address: 50 failed logins from one address, each for another email, spread over both answer 401, and the 51st answers 429 with Retry-After on either instance",
  edits: [
    { file: "src/app.ts", find: "    clientLogins: limiter('client-login', CLIENT_LOGIN_LIMITS),", replace: "    clientLogins: createAttemptLimiter(CLIENT_LOGIN_LIMITS, clock)," },
  ],
} satisfies WrongSubmission;
