import type { WrongSubmission } from '../types.js';

export default {
  description: 'the length check allows 0 characters, so an empty X-Request-Id is "echoed" and the answer has an empty id',
  caughtBy: 'an unsafe X-Request-Id (empty, spaces, markup, over 128 characters) is replaced with a fresh one',
  edits: [
    { file: 'src/http/request-id.ts', find: 'const SAFE_ID = /^[\\w.:-]{1,128}$/;', replace: 'const SAFE_ID = /^[\\w.:-]*$/;' },
    {
      file: 'src/http/request-id.ts',
      find: 'req.id = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();',
      replace: 'req.id = incoming !== undefined && incoming.length <= 128 && SAFE_ID.test(incoming) ? incoming : randomUUID();',
    },
  ],
} satisfies WrongSubmission;
