import type { WrongSubmission } from '../types.js';

export default {
  description: 'safe incoming ids are limited to 64 characters instead of 128, so a valid 128-character id is replaced',
  caughtBy: 'a safe X-Request-Id sent by the caller is echoed back, on every kind of answer',
  edits: [{ file: 'src/http/request-id.ts', find: 'const SAFE_ID = /^[\\w.:-]{1,128}$/;', replace: 'const SAFE_ID = /^[\\w.:-]{1,64}$/;' }],
} satisfies WrongSubmission;
