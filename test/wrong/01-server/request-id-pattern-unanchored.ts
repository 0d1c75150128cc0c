import type { WrongSubmission } from '../types.js';

export default {
  description: 'the pattern for incoming ids has no ^ and $, so any id that merely contains a safe run ("hello world") is accepted',
  caughtBy: 'an unsafe X-Request-Id (empty, spaces, markup, over 128 characters) is replaced with a fresh one',
  edits: [{ file: 'src/http/request-id.ts', find: 'const SAFE_ID = /^[\\w.:-]{1,128}$/;', replace: 'const SAFE_ID = /[\\w.:-]{1,128}/;' }],
} satisfies WrongSubmission;
