import type { WrongSubmission } from '../types.js';

export default {
  description: 'the pattern for incoming ids checks the characters but not the length: a 129-character (or 10 kB) id is accepted',
  caughtBy: 'an unsafe X-Request-Id (empty, spaces, markup, over 128 characters) is replaced with a fresh one',
  edits: [{ file: 'src/http/request-id.ts', find: 'const SAFE_ID = /^[\\w.:-]{1,128}$/;', replace: 'const SAFE_ID = /^[\\w.:-]+$/;' }],
} satisfies WrongSubmission;
