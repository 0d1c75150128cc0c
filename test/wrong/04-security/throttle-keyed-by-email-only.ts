import type { WrongSubmission } from '../types.js';

export default {
  description: "failed logins are counted per email only, whatever the client address: anyone failing on purpose locks Ada out from everywhere",
  caughtBy: "after 5 failed logins for one email, the 6th attempt answers 429, while another email from the same client still logs in and fails with 401",
  edits: [
    { file: "src/users/users.service.ts", find: "      const key = `${client}|${email}`;", replace: "      const key = email!;" },
  ],
} satisfies WrongSubmission;
