import type { WrongSubmission } from '../types.js';

export default {
  description: "the limit per client answers 429 without a Retry-After header",
  caughtBy: "50 failed logins from one client for 50 different emails answer 401, the 51st answers 429, and successful logins do not count",
  edits: [
    { file: "src/users/users.service.ts", find: "      if (clientWait > 0) throw new TooManyRequestsError(clientWait);", replace: "      if (clientWait > 0) throw new HttpError(429, { login: ['too many failed attempts from this address'] });" },
    { file: "src/users/users.service.ts", find: "import { TooManyRequestsError,", replace: "import { HttpError, TooManyRequestsError," },
  ],
} satisfies WrongSubmission;
