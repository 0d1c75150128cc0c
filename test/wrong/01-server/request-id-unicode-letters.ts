import type { WrongSubmission } from '../types.js';

export default {
  description: 'the pattern for incoming ids takes any Unicode letter (\\p{L}), so an id with é or other non-ASCII characters is echoed into the logs and the header',
  caughtBy: 'an unsafe X-Request-Id (empty, spaces, markup, over 128 characters) is replaced with a fresh one',
  edits: [{ file: 'src/http/request-id.ts', find: 'const SAFE_ID = /^[\\w.:-]{1,128}$/;', replace: 'const SAFE_ID = /^[\\p{L}\\p{N}_.:-]{1,128}$/u;' }],
} satisfies WrongSubmission;
