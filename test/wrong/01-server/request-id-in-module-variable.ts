import type { WrongSubmission } from '../types.js';

export default {
  description: 'the logger reads the request id from a module-level variable the id middleware sets: when requests overlap, lines get another request\'s id',
  caughtBy: 'each request is logged once, when it is answered, with its method, path, status, request id and duration',
  edits: [
    { file: 'src/http/request-id.ts', find: 'export function requestId(): RequestHandler {', replace: '/** The id of the request being handled. */\nexport let currentRequestId = \'\';\n\nexport function requestId(): RequestHandler {' },
    { file: 'src/http/request-id.ts', find: "    res.set('X-Request-Id', req.id);", replace: "    res.set('X-Request-Id', req.id);\n    currentRequestId = req.id;" },
    { file: 'src/http/request-logger.ts', find: "import type { Logger } from '../logger.js';", replace: "import type { Logger } from '../logger.js';\nimport { currentRequestId } from './request-id.js';" },
    { file: 'src/http/request-logger.ts', find: '        requestId: req.id,', replace: '        requestId: currentRequestId,' },
  ],
} satisfies WrongSubmission;
