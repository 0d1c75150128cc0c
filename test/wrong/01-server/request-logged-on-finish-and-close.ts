import type { WrongSubmission } from '../types.js';

export default {
  description: 'the request line is written on "finish" and again on "close" (to catch aborted requests), so most requests are logged twice',
  caughtBy: 'each request is logged once, when it is answered, with its method, path, status, request id and duration',
  edits: [
    { file: 'src/http/request-logger.ts', find: "    res.on('finish', () => {", replace: "    const done = () => {" },
    { file: 'src/http/request-logger.ts', find: '        durationMs: Math.round(durationMs * 10) / 10,\n      });\n    });', replace: "        durationMs: Math.round(durationMs * 10) / 10,\n      });\n    };\n    res.on('finish', done);\n    res.on('close', done);" },
  ],
} satisfies WrongSubmission;
