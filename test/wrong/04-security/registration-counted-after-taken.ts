import type { WrongSubmission } from '../types.js';

export default {
  description: "only registrations that get past \"has already been taken\" are counted: asking which emails exist is unlimited",
  caughtBy: "the 21st registration from one client within 15 minutes answers 429 with a Retry-After header, whether or not it would have succeeded",
  edits: [
    { file: "src/users/users.service.ts", find: "      const wait = registrations.take(client);\n      if (wait > 0) throw new TooManyRequestsError(wait, { registration: ['too many accounts from this address; try again later'] });\n      await checkTaken(errors, { email, username });\n      throwIfAny(errors);\n", replace: "      await checkTaken(errors, { email, username });\n      throwIfAny(errors);\n      const wait = registrations.take(client);\n      if (wait > 0) throw new TooManyRequestsError(wait, { registration: ['too many accounts from this address; try again later'] });\n" },
  ],
} satisfies WrongSubmission;
