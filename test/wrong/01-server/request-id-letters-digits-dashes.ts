import type { WrongSubmission } from '../types.js';

export default {
  description: 'incoming ids may only hold letters, digits and dashes: ids with "_", "." or ":" (which the lesson allows) are replaced',
  caughtBy: 'a safe X-Request-Id sent by the caller is echoed back, on every kind of answer',
  edits: [{ file: 'src/http/request-id.ts', find: 'const SAFE_ID = /^[\\w.:-]{1,128}$/;', replace: 'const SAFE_ID = /^[a-zA-Z0-9-]{1,128}$/;' }],
} satisfies WrongSubmission;
