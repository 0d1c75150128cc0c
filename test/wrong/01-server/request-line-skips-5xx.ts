import type { WrongSubmission } from '../types.js';

export default {
  description: 'the request logger skips answers of 500 and more, "since the error handler already logs those": a 500 has no request line with its status and duration',
  caughtBy: 'each request is logged once, when it is answered, with its method, path, status, request id and duration',
  edits: [{ file: 'src/http/request-logger.ts', find: "    res.on('finish', () => {\n", replace: "    res.on('finish', () => {\n      if (res.statusCode >= 500) return;\n" }],
} satisfies WrongSubmission;
